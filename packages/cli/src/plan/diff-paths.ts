import { SECRET_SIG, SECRET_SIG_KEY } from "@platform/offline/src/types";

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A wire-encoded secret compares by its value and is never descended into (its paths stay hidden). */
const secretValue = (v: unknown): { value: unknown } | undefined =>
  isPlainObject(v) && v[SECRET_SIG_KEY] === SECRET_SIG ? { value: v.value } : undefined;

const keyPath = (parent: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? (parent === "" ? key : `${parent}.${key}`) : `${parent}[${JSON.stringify(key)}]`;

function collect(base: unknown, head: unknown, at: string, out: string[]): void {
  const baseSecret = secretValue(base);
  const headSecret = secretValue(head);
  if (baseSecret || headSecret) {
    if (JSON.stringify(baseSecret?.value ?? base) !== JSON.stringify(headSecret?.value ?? head)) out.push(at);
    return;
  }
  if (Array.isArray(base) && Array.isArray(head)) {
    for (let i = 0; i < Math.max(base.length, head.length); i++) {
      if (i >= base.length || i >= head.length) out.push(`${at}[${i}]`);
      else collect(base[i], head[i], `${at}[${i}]`, out);
    }
    return;
  }
  if (isPlainObject(base) && isPlainObject(head)) {
    for (const key of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
      if (key.startsWith("__")) continue; // engine bookkeeping such as __defaults
      if (!(key in base) || !(key in head)) out.push(keyPath(at, key));
      else collect(base[key], head[key], keyPath(at, key), out);
    }
    return;
  }
  if (!Object.is(base, head) && JSON.stringify(base) !== JSON.stringify(head)) out.push(at);
}

/** Input paths (`ingress[1].fromPort`) whose values differ between two input objects. */
export function differingPaths(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  const out: string[] = [];
  collect(base, head, "", out);
  return out;
}
