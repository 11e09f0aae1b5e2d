import { createHash } from "node:crypto";

/** The account every offline resource lives in. */
export const OFFLINE_ACCOUNT_ID = "123456789012";

/** Deterministic hex derived from a seed, so plans of the same code diff cleanly. */
export function stableHex(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
  return out.slice(0, length);
}

export function stableUuid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
