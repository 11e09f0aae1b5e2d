import { UserError } from "../errors";

/** A JSON object as read from an untrusted file. */
export type JsonObject = Record<string, unknown>;

/** The three shapes a Pulumi run can be saved in, after parsing. */
export type ParsedLog =
  | { readonly format: "events"; readonly events: readonly JsonObject[] }
  | { readonly format: "digest"; readonly digest: JsonObject };

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** An engine event has exactly one `<name>Event` object beside `sequence`/`timestamp`/`type`. */
function isEngineEvent(value: unknown): value is JsonObject {
  return isObject(value) && Object.entries(value).some(([key, v]) => key.endsWith("Event") && isObject(v));
}

const HOW_TO_SAVE =
  "Pass a file written by `pulumi preview|up --event-log <file>`, by `platform preview|up` (.platform/events/<env>/<stack>.jsonl), " +
  "an events-API download ({\"events\": [...]}), or `pulumi preview --json` output.";

function fromWholeJson(file: string, value: unknown): ParsedLog | undefined {
  if (isObject(value) && Array.isArray(value.events)) {
    const bad = value.events.findIndex((e) => !isEngineEvent(e));
    if (bad >= 0) throw new UserError(`${file}: events[${bad}] is not a Pulumi engine event (it has no "...Event" object). ${HOW_TO_SAVE}`);
    return { format: "events", events: value.events as JsonObject[] };
  }
  if (isObject(value) && (Array.isArray(value.steps) || isObject(value.changeSummary))) return { format: "digest", digest: value };
  if (isEngineEvent(value)) return { format: "events", events: [value] };
  return undefined;
}

/** JSON Lines: one event a line. A last line that does not parse means the log was cut off. */
function fromLines(file: string, text: string): ParsedLog {
  const lines = text.split("\n");
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const events: JsonObject[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const lineNo = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (lineNo === lines.length && events.length > 0) {
        throw new UserError(`${file}:${lineNo}: the event log is truncated (its last line is cut off mid-event). Re-run the preview to get a complete log, or delete the partial last line to report what it has.`);
      }
      throw new UserError(`${file}:${lineNo}: not JSON, so this is not a Pulumi event log. ${HOW_TO_SAVE}`);
    }
    if (!isEngineEvent(value)) throw new UserError(`${file}:${lineNo}: not a Pulumi engine event (no "...Event" object on this line). ${HOW_TO_SAVE}`);
    events.push(value);
  });
  return { format: "events", events };
}

/** Parses the text of a saved Pulumi run, or throws a UserError naming the file and line. */
export function parseRunLog(file: string, text: string): ParsedLog {
  if (text.trim() === "") throw new UserError(`${file} is empty, so it is not a Pulumi event log. ${HOW_TO_SAVE}`);
  let wholeError: string;
  try {
    const whole: unknown = JSON.parse(text);
    const parsed = fromWholeJson(file, whole);
    if (parsed !== undefined) return parsed;
    throw new UserError(`${file} is JSON but neither an engine event log nor a preview digest. ${HOW_TO_SAVE}`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    wholeError = error instanceof Error ? error.message : String(error);
  }
  const firstLine = text.trimStart().split("\n", 1)[0];
  if (firstLine.startsWith("{") && !isParsableJson(firstLine)) return failWholeJson(file, text, wholeError);
  return fromLines(file, text);
}

function isParsableJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A pretty-printed document (first line alone is not JSON) that does not parse: say where and why. */
function failWholeJson(file: string, text: string, message: string): never {
  const position = /position (\d+)/.exec(message);
  const line = position === null ? undefined : text.slice(0, Number(position[1])).split("\n").length;
  const where = line === undefined ? file : `${file}:${line}`;
  if (/end of JSON input|Unterminated/i.test(message)) {
    throw new UserError(`${where}: the file ends before its JSON is complete (truncated). Download or save it again.`);
  }
  throw new UserError(`${where}: not valid JSON (${message}), so this is not a Pulumi event log. ${HOW_TO_SAVE}`);
}
