import * as fs from "node:fs";
import * as path from "node:path";
import { countsOf, readChangeSet, renderReport } from "../src/report";
import type { StackChangeSet } from "../src/report/model";
import { parseRunLog } from "../src/report/parse-file";

// Recorded engine event logs, copied byte for byte from public repositories (SOURCES.md there).
const FIXTURES = path.resolve(__dirname, "fixtures/pulumi-events");
const fixture = (name: string): string => path.join(FIXTURES, name);

interface Expected {
  /** Events (or digest steps) the SOURCES.md row states. */
  readonly events: number;
  readonly kind: StackChangeSet["kind"];
  readonly result: StackChangeSet["result"];
  /** resourcePreEvent ops after folding replacement steps into one `replace` per resource. */
  readonly ops: { create: number; update: number; replace: number; delete: number; same: number };
  readonly errors: number;
  readonly warnings: number;
  readonly mandatory: number;
  readonly advisory: number;
}

const zero = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };

/** One entry per SOURCES.md row; a fixture without an entry fails the first test. */
const EXPECTED: Record<string, Expected> = {
  "preview-aws-webserver-replace.jsonl": { events: 14, kind: "preview", result: "succeeded", ops: { ...zero, same: 2, replace: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 0 },
  "up-aws-eks-update-detaileddiff.jsonl": { events: 15, kind: "update", result: "succeeded", ops: { ...zero, same: 5, update: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 0 },
  "preview-cloud-api-all-ops.events.json": { events: 65, kind: "preview", result: "succeeded", ops: { same: 7, update: 1, create: 1, replace: 2, delete: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 0 },
  "preview-digest-all-ops.json": { events: 6, kind: "preview", result: "succeeded", ops: { same: 7, update: 1, create: 1, replace: 2, delete: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 0 },
  "preview-warning-update-delete.jsonl": { events: 12, kind: "preview", result: "succeeded", ops: { ...zero, update: 2, same: 1, delete: 1 }, errors: 0, warnings: 1, mandatory: 0, advisory: 0 },
  "preview-failed-protected-delete-errors.jsonl": { events: 10, kind: "preview", result: "failed", ops: { ...zero, same: 1, delete: 2 }, errors: 3, warnings: 0, mandatory: 0, advisory: 0 },
  "up-failed-continue-on-error.jsonl": { events: 16, kind: "update", result: "failed", ops: { ...zero, update: 2, create: 3 }, errors: 3, warnings: 0, mandatory: 0, advisory: 0 },
  "policy-mandatory-and-advisory-violations.jsonl": { events: 18, kind: "update", result: "failed", ops: zero, errors: 0, warnings: 0, mandatory: 5, advisory: 5 },
  "policy-advisory-create-succeeds.jsonl": { events: 13, kind: "update", result: "succeeded", ops: { ...zero, create: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 2 },
  // Refresh previews (`pulumi refresh --preview-only`, what `platform drift` runs). The ops are the
  // refresh results, and they equal the engine's own summaryEvent.resourceChanges in each file.
  "refresh-preview-drift-update-delete.jsonl": { events: 15, kind: "refresh", result: "succeeded", ops: { ...zero, delete: 2, same: 3, update: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 0 },
  "refresh-preview-no-drift.jsonl": { events: 5, kind: "refresh", result: "succeeded", ops: { ...zero, same: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 0 },
  "refresh-failed-read.jsonl": { events: 7, kind: "refresh", result: "failed", ops: { ...zero, same: 1 }, errors: 2, warnings: 0, mandatory: 0, advisory: 0 },
  "preview-aws-s3-advisory-policy.ndjson": { events: 16, kind: "preview", result: "succeeded", ops: { ...zero, same: 1, update: 1 }, errors: 0, warnings: 0, mandatory: 0, advisory: 1 },
};

const fixtureFiles = (): string[] => fs.readdirSync(FIXTURES).filter((f) => f !== "SOURCES.md").sort();

test("every fixture in test/fixtures/pulumi-events has expected counts here", () => {
  expect(fixtureFiles()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(Object.entries(EXPECTED))("%s", (file, expected) => {
  const changeSet = readChangeSet(fixture(file));
  const counts = countsOf(changeSet);

  test("parses to the number of events (or digest steps) SOURCES.md states", () => {
    const parsed = parseRunLog(file, fs.readFileSync(fixture(file), "utf8"));
    expect(parsed.format === "events" ? parsed.events.length : (parsed.digest.steps as unknown[]).length).toBe(expected.events);
  });

  test("reports the kind of run and its result", () => {
    expect({ kind: changeSet.kind, result: changeSet.result }).toEqual({ kind: expected.kind, result: expected.result });
  });

  test("counts each resource once under its folded operation", () => {
    expect(counts.ops).toEqual(expected.ops);
  });

  test("counts errors, warnings and policy violations by level", () => {
    expect({ errors: counts.errors, warnings: counts.warnings, mandatory: counts.mandatory, advisory: counts.advisory }).toEqual({
      errors: expected.errors,
      warnings: expected.warnings,
      mandatory: expected.mandatory,
      advisory: expected.advisory,
    });
  });

  test("renders the same comment as the reviewed snapshot", () => {
    expect(renderReport({ title: "Pulumi report", stacks: [changeSet] })).toMatchSnapshot();
  });
});

describe("details the fixtures carry", () => {
  test("a refresh's resource counts are the engine's own summary counts", () => {
    for (const file of ["refresh-preview-drift-update-delete.jsonl", "refresh-preview-no-drift.jsonl"]) {
      const lines = fs.readFileSync(fixture(file), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { summaryEvent?: { resourceChanges: Record<string, number> } });
      const engine = lines.find((l) => l.summaryEvent)?.summaryEvent?.resourceChanges ?? {};
      const ours = Object.fromEntries(Object.entries(countsOf(readChangeSet(fixture(file))).ops).filter(([, n]) => n > 0));
      expect(ours).toEqual(engine);
    }
  });

  test("a refresh update carries the property that drifted", () => {
    const drift = readChangeSet(fixture("refresh-preview-drift-update-delete.jsonl"));
    expect(drift.resources.filter((r) => r.op === "update")).toEqual([expect.objectContaining({ name: "resA", changedPaths: ["oof"] })]);
  });

  test("the EC2 instance replacement names userData as the property forcing it", () => {
    const web = readChangeSet(fixture("preview-aws-webserver-replace.jsonl")).resources.find((r) => r.op === "replace");
    expect(web).toMatchObject({ name: "web-server-www", type: "aws:ec2/instance:Instance", replaceReasons: ["userData"], holdsData: false });
  });

  test("the security group update lists its detailed-diff paths in natural order", () => {
    const sg = readChangeSet(fixture("up-aws-eks-update-detaileddiff.jsonl")).resources.find((r) => r.op === "update");
    expect(sg?.changedPaths).toEqual(["ingress[1].cidrBlocks[0]", "ingress[1].fromPort", "ingress[1].protocol", "ingress[1].self", "ingress[1].toPort"]);
  });

  test("the S3 bucket update is flagged as holding data and carries the advisory violation", () => {
    const s3 = readChangeSet(fixture("preview-aws-s3-advisory-policy.ndjson"));
    expect(s3.resources.find((r) => r.op === "update")).toMatchObject({ type: "aws:s3/bucket:Bucket", holdsData: true });
    expect(s3.violations).toEqual([expect.objectContaining({ policyName: "s3-bucket-replication-enabled", policyPack: "example-policies", enforcementLevel: "advisory" })]);
  });

  test("failed updates are marked failed and the run-level error has no resource", () => {
    const failed = readChangeSet(fixture("up-failed-continue-on-error.jsonl"));
    expect(failed.resources.filter((r) => r.failed).map((r) => r.name)).toEqual(["failing", "failing2"]);
    expect(failed.diagnostics.filter((d) => d.urn === undefined).map((d) => d.message)).toEqual(["update failed"]);
  });

  test("violations keep each severity the engine sent, colour codes removed", () => {
    const policy = readChangeSet(fixture("policy-mandatory-and-advisory-violations.jsonl"));
    const mandatory = policy.violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.map((v) => v.severity ?? "unspecified").sort()).toEqual(["critical", "high", "low", "medium", "unspecified"]);
    expect(new Set(policy.violations.map((v) => v.message))).toEqual(new Set(["a policy failed"]));
  });

  test("the digest's unchanged resources it does not list still count as unchanged", () => {
    const digest = readChangeSet(fixture("preview-digest-all-ops.json"));
    expect(digest.resources.filter((r) => r.op === "same")).toHaveLength(1);
    expect(digest.unlistedUnchanged).toBe(6);
  });

  test("a stack is named after its project and stack from the URNs when the file name is not a graph stack", () => {
    expect(readChangeSet(fixture("up-aws-eks-update-detaileddiff.jsonl")).stack).toBe("eks (dev)");
    expect(readChangeSet(fixture("up-aws-eks-update-detaileddiff.jsonl"), "app").stack).toBe("app");
  });

  test("all fixtures together render in the order given, with a mandatory-violation callout", () => {
    const report = renderReport({ title: "All", stacks: fixtureFiles().map((f) => readChangeSet(fixture(f))) });
    expect(report).toContain("5 mandatory policy violations block this change");
    expect(report.match(/<details/g)).toHaveLength(fixtureFiles().length);
    expect(report.match(/<\/details>/g)).toHaveLength(fixtureFiles().length);
  });
});
