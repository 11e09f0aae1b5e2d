import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "./types";

/** True for a value in the engine's secret wire encoding. */
export function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** The value with every secret wrapper removed, for display and assertions. */
export function plain<T = unknown>(value: unknown): T {
  if (isSecretValue(value)) return plain(value.value);
  if (Array.isArray(value)) return value.map((v) => plain(v)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) as T;
  }
  return value as T;
}

/** The value with every secret replaced by "[secret]", for printing. */
export function redacted(value: unknown): unknown {
  if (isSecretValue(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(redacted);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redacted(v)]));
  }
  return value;
}
