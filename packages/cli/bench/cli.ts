import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { affectedStacks, renderReportForFiles } from "../src";
import { medianMs, type Figure } from "./measure";

function fixtureFiles(repoRoot: string): string[] {
  const dir = path.resolve(repoRoot, "packages/cli/test/fixtures/pulumi-events");
  return fs.readdirSync(dir).filter((f) => /\.(jsonl|ndjson|json)$/.test(f)).map((f) => path.join(dir, f));
}

/** The PR report over every recorded event log, and `affected` over this repository's history. */
export async function benchCli(repoRoot: string): Promise<Figure[]> {
  const files = fixtureFiles(repoRoot);
  const readOnly = await medianMs(5, () => files.forEach((f) => fs.readFileSync(f, "utf8")));
  const report = await medianMs(5, () => renderReportForFiles(files));
  const commits = execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
  const base = execFileSync("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim().split("\n")[0];
  const gitOnly = await medianMs(3, () => execFileSync("git", ["diff", "--name-only", `${base}...HEAD`], { cwd: repoRoot }));
  const affected = await medianMs(3, () => affectedStacks({ base, cwd: repoRoot }));
  return [
    { name: `report over all ${files.length} fixture event logs`, value: report, unit: "ms", baseline: { name: "reading the same files", value: readOnly } },
    { name: `affected --base <first commit> (${commits} commits of history)`, value: affected, unit: "ms", baseline: { name: "git diff --name-only alone", value: gitOnly } },
  ];
}
