import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "@platform/offline/src/types";

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A wire-encoded secret compares by its value and is never descended into (its paths stay hidden). */
const secretValue = (v: unknown): { value: unknown } | undefined =>
  isPlainObject(v) && v[SECRET_SIG_KEY] === SECRET_SIG ? { value: v.value } : undefined;

const keyPath = (parent: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? (parent === "" ? key : `${parent}.${key}`) : `${parent}[${JSON.stringify(key)}]`;

/** One input that differs: its path and both values as a reviewer may see them (secrets masked). */
export interface PropertyChange {
  readonly path: string;
  /** Absent when the property is new. */
  readonly before?: string;
  /** Absent when the property is removed. */
  readonly after?: string;
}

const MAX_VALUE = 80;

/** A value for the diff: JSON, shortened; a secret is `[secret]`, an unknown `[unknown]` as the engine's preview leaves it. */
export function displayValue(v: unknown): string {
  if (secretValue(v)) return "[secret]";
  if (v === UNKNOWN) return "[unknown]";
  const text = JSON.stringify(v, (_, x: unknown) => (secretValue(x) ? "[secret]" : x === UNKNOWN ? "[unknown]" : x)) ?? String(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const change = (path: string, base: unknown, head: unknown, inBase = true, inHead = true): PropertyChange => ({
  path,
  ...(inBase ? { before: displayValue(base) } : {}),
  ...(inHead ? { after: displayValue(head) } : {}),
});

function collect(base: unknown, head: unknown, at: string, out: PropertyChange[]): void {
  const baseSecret = secretValue(base);
  const headSecret = secretValue(head);
  if (baseSecret || headSecret) {
    if (JSON.stringify(baseSecret?.value ?? base) !== JSON.stringify(headSecret?.value ?? head)) out.push(change(at, base, head));
    return;
  }
  if (Array.isArray(base) && Array.isArray(head)) {
    for (let i = 0; i < Math.max(base.length, head.length); i++) {
      if (i >= base.length || i >= head.length) out.push(change(`${at}[${i}]`, base[i], head[i], i < base.length, i < head.length));
      else collect(base[i], head[i], `${at}[${i}]`, out);
    }
    return;
  }
  if (isPlainObject(base) && isPlainObject(head)) {
    for (const key of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
      if (key.startsWith("__")) continue; // engine bookkeeping such as __defaults
      if (!(key in base) || !(key in head)) out.push(change(keyPath(at, key), base[key], head[key], key in base, key in head));
      else collect(base[key], head[key], keyPath(at, key), out);
    }
    return;
  }
  if (!Object.is(base, head) && JSON.stringify(base) !== JSON.stringify(head)) out.push(change(at, base, head));
}

/** The inputs that differ between two input objects, leaf by leaf (`ingress[1].fromPort`), with both values. */
export function propertyChanges(base: Record<string, unknown>, head: Record<string, unknown>): PropertyChange[] {
  const out: PropertyChange[] = [];
  collect(base, head, "", out);
  return out;
}

/** Input paths (`ingress[1].fromPort`) whose values differ between two input objects. */
export function differingPaths(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  return propertyChanges(base, head).map((c) => c.path);
}
