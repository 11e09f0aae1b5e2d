/**
 * Values as policies receive them from the engine. During preview an output that is not known yet
 * arrives as the UNKNOWN sentinel string; @pulumi/policy wraps the properties in a proxy that
 * throws UnknownValueError on access (reported by the framework as an advisory "can't run during
 * preview"). The helpers here unwrap that proxy so decision functions see plain data and decide
 * explicitly what an unknown means: never a mandatory violation.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The proxy's escape hatch (see @pulumi/policy proxy.js `getSpecialProxyTarget`). */
const PROXY_TARGET = "__getSpecialProxyTarget";

export type Props = Readonly<Record<string, unknown>>;

/** Three-valued answer: a check that depends on an unknown value is not decided yet. */
export type Tri = boolean | "unknown";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/**
 * The plain object behind @pulumi/policy's unknown-checking proxy. Nested values of the target
 * are plain already (the proxy only wraps on property access), so one unwrap is enough.
 */
export function plain(props: unknown): Props {
  if (props === null || typeof props !== "object") return {};
  const target = (props as Record<string, unknown>)[PROXY_TARGET];
  const raw = target !== undefined && typeof target === "object" && target !== null ? target : props;
  return raw as Props;
}

/** Reads a nested property; arrays are indexed by number. Returns UNKNOWN when a parent is. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (isUnknown(current)) return UNKNOWN;
    if (current === null || current === undefined || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function asRecord(value: unknown): Props | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : undefined;
}

/** Elements of a list input; an unknown list is reported as unknown, absent as empty. */
export function list(value: unknown): readonly unknown[] | "unknown" {
  if (isUnknown(value)) return "unknown";
  return Array.isArray(value) ? value : [];
}

/** A boolean input: true/false when known (strings "true"/"false" accepted), "unknown" or undefined. */
export function bool(value: unknown): boolean | "unknown" | undefined {
  if (isUnknown(value)) return "unknown";
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A non-empty known string, "unknown" for an unknown, undefined when absent or empty. */
export function str(value: unknown): string | "unknown" | undefined {
  if (isUnknown(value)) return "unknown";
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function num(value: unknown): number | "unknown" | undefined {
  if (isUnknown(value)) return "unknown";
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** True when a value is set: a known non-empty value or an unknown (an output that will exist). */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.length > 0;
  return true;
}

/** Whether the value contains an unknown anywhere (JSON documents built from outputs). */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (typeof value === "string") return value.includes(UNKNOWN);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Parses a JSON document input (IAM and bucket policies, container definitions). Objects are
 * returned as is (some programs pass them unstringified); unknown or unparsable text is reported.
 */
export function jsonDocument(value: unknown): { ok: true; doc: unknown } | { ok: false; reason: "unknown" | "absent" | "invalid" } {
  if (value === undefined || value === null || value === "") return { ok: false, reason: "absent" };
  if (typeof value !== "string") return containsUnknown(value) ? { ok: false, reason: "unknown" } : { ok: true, doc: value };
  if (value.includes(UNKNOWN)) return { ok: false, reason: "unknown" };
  try {
    return { ok: true, doc: JSON.parse(value) as unknown };
  } catch {
    return { ok: false, reason: "invalid" };
  }
}

/**
 * A provider's default tags. Provider inputs reach the engine as strings, so `defaultTags` is a
 * JSON document there; programs under test may pass the object itself.
 */
export function providerDefaultTags(providerProps: unknown): Readonly<Record<string, unknown>> | undefined {
  let defaultTags = asRecord(plain(providerProps))?.defaultTags;
  if (typeof defaultTags === "string") {
    const parsed = jsonDocument(defaultTags);
    defaultTags = parsed.ok ? parsed.doc : undefined;
  }
  return asRecord(asRecord(defaultTags)?.tags);
}

/** Effective tags: provider default tags, then tagsAll, then the resource's own tags. */
export function tags(props: Props, defaultTags?: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return { ...(defaultTags ?? {}), ...(asRecord(props.tagsAll) ?? {}), ...(asRecord(props.tags) ?? {}) };
}
