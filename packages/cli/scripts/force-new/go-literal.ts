/**
 * Just enough of Go's lexical structure to walk the composite literals the Terraform AWS
 * provider declares its schemas in: matching braces and splitting at top-level commas and
 * colons while skipping strings, runes and comments.
 */

/** Index just past the string, rune or comment starting at `i`, or `i` when none starts there. */
function skipOpaque(src: string, i: number): number {
  const c = src[i];
  if (c === "/" && src[i + 1] === "/") {
    const end = src.indexOf("\n", i);
    return end < 0 ? src.length : end;
  }
  if (c === "/" && src[i + 1] === "*") {
    const end = src.indexOf("*/", i + 2);
    return end < 0 ? src.length : end + 2;
  }
  if (c === "`") {
    const end = src.indexOf("`", i + 1);
    return end < 0 ? src.length : end + 1;
  }
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  return i;
}

const OPEN = new Set(["{", "(", "["]);
const CLOSE = new Set(["}", ")", "]"]);

/** The index of the bracket closing the one at `open`. */
export function matchingBracket(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; ) {
    const skipped = skipOpaque(src, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (OPEN.has(src[i])) depth++;
    else if (CLOSE.has(src[i]) && --depth === 0) return i;
    i++;
  }
  throw new Error(`unbalanced bracket at offset ${open}`);
}

/** Splits `body` at the separator where no bracket is open, ignoring strings and comments. */
function splitTopLevel(body: string, separator: string, limit = Infinity): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; ) {
    const skipped = skipOpaque(body, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = body[i];
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth--;
    else if (depth === 0 && c === separator && body[i + 1] !== "=" && parts.length < limit) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  parts.push(body.slice(start));
  return parts;
}

const stripComments = (text: string): string => {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const skipped = skipOpaque(text, i);
    if (skipped !== i && text[i] === "/") {
      i = skipped;
      continue;
    }
    out += text.slice(i, Math.max(skipped, i + 1));
    i = Math.max(skipped, i + 1);
  }
  return out.trim();
};

/** The `key: value` elements of a keyed composite literal's body (the text between its braces). */
export function keyedElements(body: string): { key: string; value: string }[] {
  return splitTopLevel(body, ",")
    .map((element) => splitTopLevel(element, ":", 1))
    .filter((kv) => kv.length === 2)
    .map(([key, value]) => ({ key: stripComments(key), value: stripComments(value) }));
}

/** The body of the first composite literal in `value` (`{...}`, `&schema.Schema{...}`), or undefined. */
export function literalBody(value: string): string | undefined {
  const open = value.indexOf("{");
  if (open < 0 || !/^&?[\w.[\]*]*\s*$/.test(value.slice(0, open))) return undefined;
  return value.slice(open + 1, matchingBracket(value, open));
}

/** The value of field `name` in a keyed literal body, if present. */
export function field(body: string, name: string): string | undefined {
  return keyedElements(body).find((e) => e.key === name)?.value;
}
