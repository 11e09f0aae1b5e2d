/**
 * What the user's terminal can show. Colour follows the NO_COLOR convention (https://no-color.org:
 * any non-empty value turns it off) and `--no-color`; symbols fall back to ASCII on a terminal
 * that cannot draw them: TERM=dumb, the Linux console (TERM=linux, as is-unicode-supported
 * decides), or a locale whose character set is not UTF-8 (the first of LC_ALL, LC_CTYPE, LANG
 * that is set decides, as setlocale(3) does).
 */
export interface Glyphs {
  readonly ok: string;
  readonly fail: string;
  readonly wait: string;
  readonly skip: string;
  readonly busy: string;
  readonly warn: string;
  readonly pipe: string;
  /** Resource-tree branches: a middle child, the last child, and the line under an open branch. */
  readonly tee: string;
  readonly elbow: string;
  readonly bar: string;
}

const UNICODE: Glyphs = { ok: "✓", fail: "✗", wait: "⏳", skip: "-", busy: "…", warn: "⚠", pipe: "│", tee: "├─ ", elbow: "└─ ", bar: "│  " };
const ASCII: Glyphs = { ok: "ok", fail: "FAILED", wait: "waiting:", skip: "-", busy: "...", warn: "warning:", pipe: "|", tee: "|- ", elbow: "`- ", bar: "|  " };

type Env = Readonly<Record<string, string | undefined>>;

export function supportsUnicode(env: Env): boolean {
  if (env.TERM === "dumb" || env.TERM === "linux") return false;
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== "");
  return locale === undefined || /utf-?8/i.test(locale);
}

export function glyphsFor(env: Env): Glyphs {
  return supportsUnicode(env) ? UNICODE : ASCII;
}

export function colorDisabled(env: Env): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== "";
}
