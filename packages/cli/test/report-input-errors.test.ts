import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../src/errors";
import { readChangeSet } from "../src/report";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-report-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const prelude = JSON.stringify({ sequence: 0, timestamp: 0, preludeEvent: { config: {} } });
const summary = JSON.stringify({ sequence: 2, timestamp: 0, summaryEvent: { resourceChanges: {}, isPreview: true, result: "succeeded" } });

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

test("a log whose last line is cut off is reported as truncated, naming the file and line", () => {
  const file = write("cut.jsonl", `${prelude}\n${summary.slice(0, 40)}`);
  expect(errorOf(() => readChangeSet(file)).message).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: the event log is truncated`));
});

test("a line in the middle that is not JSON names its line number", () => {
  const file = write("garbled.jsonl", `${prelude}\nnot json at all\n${summary}\n`);
  expect(errorOf(() => readChangeSet(file)).message).toContain("garbled.jsonl:2: not JSON");
});

test("JSON lines that are not engine events are refused", () => {
  const file = write("other.jsonl", `${prelude}\n{"level":"info","msg":"hello"}\n`);
  expect(errorOf(() => readChangeSet(file)).message).toContain("other.jsonl:2: not a Pulumi engine event");
});

test("an empty file is not an event log", () => {
  expect(errorOf(() => readChangeSet(write("empty.jsonl", "\n"))).message).toContain("empty.jsonl is empty");
});

test("a JSON document that is neither events nor a digest is refused", () => {
  expect(errorOf(() => readChangeSet(write("package.json", '{"name":"x"}'))).message).toContain("neither an engine event log nor a preview digest");
});

test("a pretty-printed events download that ends early is reported as truncated", () => {
  const file = write("cut.events.json", '{\n  "events": [\n    {"type": "preludeEvent", "preludeEvent": {"config": {}}},\n');
  expect(errorOf(() => readChangeSet(file)).message).toContain("cut.events.json: the file ends before its JSON is complete");
});

test("an events wrapper with a non-event entry names the index", () => {
  const file = write("wrapped.json", JSON.stringify({ events: [JSON.parse(prelude), { hello: 1 }] }));
  expect(errorOf(() => readChangeSet(file)).message).toContain("events[1] is not a Pulumi engine event");
});

test("a file that does not exist is named with the fix", () => {
  expect(errorOf(() => readChangeSet(path.join(dir, "missing.jsonl"))).message).toMatch(/cannot read .*missing\.jsonl \(no such file\)/);
});

test("a complete log without a summary event is reported as incomplete instead of succeeded", () => {
  const file = write("network.jsonl", `${prelude}\n`);
  expect(readChangeSet(file)).toMatchObject({ stack: "network", result: "incomplete" });
});
