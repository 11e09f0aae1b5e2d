import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { reportWithExemptions } from "./exemption-registry";
import { lazyStackView, type StackResource, type StackView } from "./relations";
import type { TypeFamily } from "./types";
import { plain, providerDefaultTags, type Props } from "./values";

export type FrameworkName =
  | "aws-foundational-security-best-practices"
  // Rules of this platform that no Security Hub control covers (the README lists them as such).
  | "aws-platform";

export const FSBP = { name: "aws-foundational-security-best-practices", version: "1.0.0" } as const;
export const PLATFORM = { name: "aws-platform", version: "1.0.0" } as const;

export interface Framework {
  readonly name: FrameworkName;
  readonly version: string;
  /** Control id, e.g. "EC2.15". */
  readonly reference: string;
  /** Control title as Security Hub publishes it. */
  readonly title: string;
}

export interface PolicyMeta<C extends object> {
  /** kebab-case, unique in the pack. */
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  readonly framework: Framework;
  readonly remediationSteps: string;
  /** What a violation would let happen; the README's "prevents" column. */
  readonly prevents: string;
  /** Config properties (JSON schema) and their defaults, applied when the pack config omits them. */
  readonly config?: { readonly schema: PolicyConfigSchema["properties"]; readonly defaults: C };
}

/** The resource a decision function sees: plain properties, unknowns as the UNKNOWN sentinel. */
export interface ResourceView {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Props;
  /** The provider's `defaultTags.tags` (aws:defaultTags), which the resource inherits. */
  readonly defaultTags?: Readonly<Record<string, unknown>>;
}

/** A decision: messages saying what is wrong, where, and the fix. Empty = compliant. */
export type ResourceCheck<C> = (resource: ResourceView, config: C) => readonly string[];

export interface StackFinding {
  readonly urn: string;
  readonly message: string;
}
export type StackCheck<C> = (stack: StackView, config: C) => readonly StackFinding[];

/** Everything the README and tests need to know about a policy besides the CrossGuard glue. */
export interface PlatformPolicyInfo {
  readonly prevents: string;
  readonly framework: Framework;
}

// Method signatures (not function properties) so a policy with a specific config type is still a PlatformPolicy.
export interface ResourcePolicyInfo<C> extends PlatformPolicyInfo {
  readonly types: TypeFamily;
  readonly defaults: C;
  check(resource: ResourceView, config: C): readonly string[];
}
export interface StackPolicyInfo<C> extends PlatformPolicyInfo {
  readonly defaults: C;
  check(stack: StackView, config: C): readonly StackFinding[];
}
export type PlatformResourcePolicy<C extends object = object> = ResourceValidationPolicy & { readonly platform: ResourcePolicyInfo<C> };
export type PlatformStackPolicy<C extends object = object> = StackValidationPolicy & { readonly platform: StackPolicyInfo<C> };
export type PlatformPolicy = PlatformResourcePolicy | PlatformStackPolicy;

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function base<C extends object>(meta: PolicyMeta<C>) {
  if (!NAME.test(meta.name)) throw new Error(`policy name "${meta.name}" must be kebab-case`);
  return {
    name: meta.name,
    description: meta.description,
    enforcementLevel: meta.enforcementLevel,
    severity: meta.severity,
    remediationSteps: meta.remediationSteps,
    framework: {
      name: meta.framework.name,
      version: meta.framework.version,
      reference: meta.framework.reference,
      specification: meta.framework.title,
    },
    ...(meta.config ? { configSchema: { properties: meta.config.schema } } : {}),
  };
}

/** Pack config for a policy over its defaults (@pulumi/policy does not apply schema defaults). */
function configOf<C extends object>(defaults: C, given: object): C {
  return { ...defaults, ...given };
}

/** A policy over resources of one type family; `check` is the pure decision function. */
export function resourcePolicy<C extends object = Record<string, never>>(
  meta: PolicyMeta<C> & { readonly types: TypeFamily; readonly check: ResourceCheck<C> },
): PlatformResourcePolicy<C> {
  const defaults = (meta.config?.defaults ?? {}) as C;
  const validateResource = (args: ResourceValidationArgs, report: ReportViolation): void => {
    if (!meta.types.includes(args.type)) return;
    const view: ResourceView = withDefaultTags({ type: args.type, urn: args.urn, name: args.name, props: plain(args.props) }, args.provider);
    const resource = { urn: args.urn, type: args.type, name: args.name };
    for (const message of meta.check(view, configOf(defaults, args.getConfig<object>()))) reportWithExemptions(report, meta.name, meta.description, resource, message);
  };
  if (meta.types.length === 1) {
    // The marker validateResourceOfType sets: the analyzer then skips other types before it
    // deserializes the properties once per policy, which dominates analyze time on big stacks.
    Object.assign(validateResource, { __pulumiType: meta.types[0] });
  }
  return {
    ...base(meta),
    validateResource,
    platform: { prevents: meta.prevents, framework: meta.framework, types: meta.types, check: meta.check, defaults },
  };
}

/** A policy over the whole stack (relations between resources); `check` is pure over a StackView. */
export function stackPolicy<C extends object = Record<string, never>>(
  meta: PolicyMeta<C> & { readonly check: StackCheck<C> },
): PlatformStackPolicy<C> {
  const defaults = (meta.config?.defaults ?? {}) as C;
  const validateStack = (args: StackValidationArgs, report: ReportViolation): void => {
    const view = lazyStackView(args.resources, fromPolicyResource);
    for (const finding of meta.check(view, configOf(defaults, args.getConfig<object>()))) {
      const r = view.byUrn(finding.urn);
      const resource = { urn: finding.urn, type: r?.type ?? "", name: r?.name ?? "" };
      reportWithExemptions(report, meta.name, meta.description, resource, finding.message, finding.urn);
    }
  };
  return {
    ...base(meta),
    validateStack,
    platform: { prevents: meta.prevents, framework: meta.framework, check: meta.check, defaults },
  };
}

function fromPolicyResource(r: PolicyResource): StackResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(r.propertyDependencies)) propertyDependencies[key] = deps.map((d) => d.urn);
  return withDefaultTags(
    {
      urn: r.urn,
      type: r.type,
      name: r.name,
      props: plain(r.props),
      parent: r.parent?.urn,
      dependencies: r.dependencies.map((d) => d.urn),
      propertyDependencies,
    },
    r.provider,
  );
}

/**
 * Adds `defaultTags`, read from the provider's properties on first use: the engine sends the
 * provider with every resource, its default tags are a JSON document to parse, and only the
 * tagging policies look at them.
 */
function withDefaultTags<V extends object>(view: V, provider: { readonly props: unknown } | undefined): V & { readonly defaultTags?: Readonly<Record<string, unknown>> } {
  if (!provider) return view;
  let parsed: { value: Readonly<Record<string, unknown>> | undefined } | undefined;
  return Object.defineProperty(view, "defaultTags", {
    enumerable: true,
    get: () => (parsed ??= { value: providerDefaultTags(provider.props) }).value,
  });
}

export function isStackPolicy(p: PlatformPolicy): p is PlatformStackPolicy {
  return "validateStack" in p;
}
