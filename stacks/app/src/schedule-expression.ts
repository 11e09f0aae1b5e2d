/**
 * Validates EventBridge Scheduler recurring expressions before anything is created:
 * `cron(minutes hours day-of-month month day-of-week year)` and `rate(value unit)`.
 * Returns a description of the first problem, or undefined when the expression is valid.
 * One-time `at(...)` expressions are refused: the erasure job must recur.
 */

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** `?` is allowed (day-of-month and day-of-week only, and one of them must use it). */
  readonly question?: boolean;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: readonly FieldSpec[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, question: true },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, question: true },
  { name: "year", min: 1970, max: 2199 },
];

function value(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + spec.min : undefined;
}

/** `*`, `a`, `a-b`, optionally followed by `/step`. */
function rangeProblem(item: string, spec: FieldSpec): string | undefined {
  const [base, step, extra] = item.split("/");
  if (extra !== undefined) return `"${item}" has more than one "/"`;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return `"${item}" needs a positive whole step after "/"`;
  if (base === "*") return undefined;
  const [from, to, more] = base.split("-");
  if (more !== undefined) return `"${item}" is not a range a-b`;
  const a = value(from, spec);
  if (a === undefined) return `"${from}" is outside ${spec.min}-${spec.max}`;
  if (to === undefined) return undefined;
  const b = value(to, spec);
  if (b === undefined) return `"${to}" is outside ${spec.min}-${spec.max}`;
  return a <= b ? undefined : `"${item}" runs backwards`;
}

/** Day-of-month `L`, `LW`, `15W`; day-of-week `5L`, `MON#2`. */
function specialProblem(item: string, spec: FieldSpec): string | undefined | null {
  if (spec.name === "day-of-month") {
    if (item === "L" || item === "LW") return undefined;
    const w = /^(\d+)W$/.exec(item);
    if (w) return value(w[1], spec) === undefined ? `"${item}" names a day outside 1-31` : undefined;
  }
  if (spec.name === "day-of-week") {
    if (item === "L") return undefined;
    const last = /^(\w+)L$/.exec(item);
    if (last) return value(last[1], spec) === undefined ? `"${item}" names no weekday` : undefined;
    const nth = /^(\w+)#(\d)$/.exec(item);
    if (nth) return value(nth[1], spec) === undefined || Number(nth[2]) < 1 || Number(nth[2]) > 5 ? `"${item}" must be weekday#1..5` : undefined;
  }
  return null;
}

function fieldProblem(text: string, spec: FieldSpec): string | undefined {
  if (text === "?") return spec.question ? undefined : `"?" is allowed only in day-of-month or day-of-week`;
  for (const item of text.split(",")) {
    if (item === "") return `"${text}" has an empty list item`;
    const special = specialProblem(item, spec);
    if (special !== null) {
      if (special !== undefined) return special;
      continue;
    }
    const problem = rangeProblem(item, spec);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function cronProblem(body: string): string | undefined {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) return `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length}`;
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem !== undefined) return `${FIELDS[i].name}: ${problem}`;
  }
  const [dom, dow] = [parts[2], parts[4]];
  if ((dom === "?") === (dow === "?")) return `exactly one of day-of-month and day-of-week must be "?"`;
  return undefined;
}

function rateProblem(body: string): string | undefined {
  const match = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(body);
  if (!match) return `rate needs "<value> <minute(s)|hour(s)|day(s)>"`;
  const n = Number(match[1]);
  if (n < 1) return "rate value must be at least 1";
  const singular = !match[2].endsWith("s");
  if (n === 1 && !singular) return `use the singular unit for 1 (e.g. "rate(1 day)")`;
  if (n > 1 && singular) return `use the plural unit for ${n} (e.g. "rate(${n} ${match[2]}s)")`;
  return undefined;
}

export function scheduleExpressionProblem(expression: string): string | undefined {
  const match = /^(cron|rate|at)\((.*)\)$/.exec(expression.trim());
  if (!match) return `must be cron(...) or rate(...)`;
  const [, kind, body] = match;
  if (kind === "at") return "a one-time at(...) schedule would run the job once; use cron(...) or rate(...)";
  return kind === "cron" ? cronProblem(body) : rateProblem(body);
}
