import { readFileSync } from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";

/** The function source, loaded as a file so tests and the stack run exactly the same code. */
export const FUNCTION_FILE = path.join(__dirname, "functions", "normalize-query.js");

/** CloudFront Functions' maximum code size (Developer Guide, "Quotas on CloudFront Functions"). */
export const MAX_FUNCTION_BYTES = 10 * 1024;

const SAFE_KEY = /^[a-z0-9_.\-[\]]{1,64}$/;

/** A stable short id for a key set: the same keys in any order give the same id. */
export function keySetId(keys: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify([...keys].sort())).digest("hex").slice(0, 8);
}

/**
 * The function code for one allow-list: a generated `ALLOWED_KEYS` constant followed by the
 * unchanged file. Keys are re-checked here (config validated them already) and serialised with
 * JSON.stringify, so no key can break out of the string literal.
 */
export function normalizeQueryCode(keys: readonly string[], source: string = readFileSync(FUNCTION_FILE, "utf8")): string {
  for (const key of keys) {
    if (!SAFE_KEY.test(key)) throw new Error(`query key ${JSON.stringify(key)} is not a lower-case key of letters, digits, _ . - [ ]`);
  }
  const code = `var ALLOWED_KEYS = ${JSON.stringify([...keys].sort())};\n${source}`;
  const bytes = Buffer.byteLength(code, "utf8");
  if (bytes > MAX_FUNCTION_BYTES) {
    throw new Error(`the query-normalising function is ${bytes} bytes; CloudFront Functions allow ${MAX_FUNCTION_BYTES}`);
  }
  return code;
}
