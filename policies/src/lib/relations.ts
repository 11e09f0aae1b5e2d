import type { TypeFamily } from "./types";
import { at, isUnknown, type Props } from "./values";

/** One resource of the stack with plain properties and its dependencies as URNs. */
export interface StackResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: Props;
  /** The provider's `defaultTags.tags` (aws:defaultTags), which the resource inherits. */
  readonly defaultTags?: Readonly<Record<string, unknown>>;
  readonly parent?: string;
  readonly dependencies: readonly string[];
  /** Input property name -> URNs of the resources its value came from. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface StackView {
  readonly resources: readonly StackResource[];
  byUrn(urn: string): StackResource | undefined;
  ofType(family: TypeFamily): readonly StackResource[];
  /**
   * Whether `from.props[property]` refers to `to`: through the property dependency the engine
   * recorded, or (when the program passed a literal) by equal known values of `to`'s identifying
   * properties, e.g. a bucket's `bucket` name or an internet gateway's `id`.
   */
  refersTo(from: StackResource, property: string, to: StackResource, identifying: readonly string[], path?: readonly (string | number)[]): boolean;
  /** Resources of `family` that `from.props[property]` refers to (see refersTo). */
  referenced(from: StackResource, property: string, family: TypeFamily, identifying: readonly string[]): readonly StackResource[];
  /** Resources of `family` whose `property` refers to `to` (the reverse direction). */
  referencing(to: StackResource, family: TypeFamily, property: string, identifying: readonly string[]): readonly StackResource[];
}

export function buildStackView(resources: readonly StackResource[]): StackView {
  return lazyStackView(resources, (r) => r);
}

/**
 * A StackView over resources in another shape, converted only when a policy asks for them.
 * @pulumi/policy hands every stack policy its own copy of the whole stack, so converting and
 * indexing all of it per policy would repeat for the ~20 stack policies; most of them read a few
 * types only, and the type and URN indexes are built from the unconverted items.
 */
export function lazyStackView<R extends { readonly type: string; readonly urn: string }>(items: readonly R[], convert: (item: R) => StackResource): StackView {
  const converted = new Map<R, StackResource>();
  const view = (item: R): StackResource => {
    let r = converted.get(item);
    if (!r) {
      r = convert(item);
      converted.set(item, r);
    }
    return r;
  };
  let urns: Map<string, R> | undefined;
  let byType: Map<string, R[]> | undefined;
  const families = new Map<TypeFamily, readonly StackResource[]>();
  let all: readonly StackResource[] | undefined;
  const ofType = (family: TypeFamily): readonly StackResource[] => {
    let found = families.get(family);
    if (!found) {
      if (!byType) {
        byType = new Map();
        for (const item of items) {
          const list = byType.get(item.type);
          if (list) list.push(item);
          else byType.set(item.type, [item]);
        }
      }
      const index = byType;
      found = family.flatMap((t) => (index.get(t) ?? []).map(view));
      families.set(family, found);
    }
    return found;
  };
  const matches = (value: unknown, to: StackResource, identifying: readonly string[]): boolean => {
    if (Array.isArray(value)) return value.some((v) => matches(v, to, identifying));
    if (typeof value !== "string" || value === "" || isUnknown(value)) return false;
    return identifying.some((key) => {
      const id = to.props[key];
      return typeof id === "string" && !isUnknown(id) && id === value;
    });
  };
  const refersTo = (from: StackResource, property: string, to: StackResource, identifying: readonly string[], path: readonly (string | number)[] = []) => {
    // The engine records property dependencies per top-level input; a nested path narrows only the literal fallback.
    if ((from.propertyDependencies[property] ?? []).includes(to.urn)) return true;
    return matches(at(from.props[property], ...path), to, identifying);
  };
  return {
    get resources() {
      all ??= items.map(view);
      return all;
    },
    byUrn: (urn) => {
      urns ??= new Map(items.map((item) => [item.urn, item]));
      const item = urns.get(urn);
      return item && view(item);
    },
    ofType,
    refersTo,
    referenced: (from, property, family, identifying) => ofType(family).filter((to) => refersTo(from, property, to, identifying)),
    referencing: (to, family, property, identifying) => ofType(family).filter((from) => refersTo(from, property, to, identifying)),
  };
}

/** Properties that identify a resource when a program passes a literal instead of an output. */
export const IDENTIFYING = {
  bucket: ["bucket", "id", "arn"],
  vpc: ["id"],
  securityGroup: ["id", "arn"],
  loadBalancer: ["arn", "id", "dnsName"],
  gateway: ["id"],
  repository: ["name", "id"],
  generic: ["id", "arn", "name"],
} as const;
