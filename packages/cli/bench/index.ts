/**
 * `npm run bench`: prints the platform's speed figures, each next to a baseline measured in the
 * same run on the same machine, so the ratios mean something on any hardware.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatFigures, type Figure } from "./measure";
import { benchCli } from "./cli";
import { benchEdge } from "./edge";
import { benchPlan } from "./plan";
import { benchPolicies } from "./policies";

const REPO_ROOT = path.resolve(__dirname, "../../..");

async function main(): Promise<void> {
  // The bench's own code cache, warmed inside this run, so "warm" does not depend on what ran before.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-cache-"));
  const sections: [string, () => Promise<Figure[]>][] = [
    ["Offline plan (npm start)", () => benchPlan(REPO_ROOT, cacheDir)],
    ["Policy pack", () => benchPolicies(REPO_ROOT, cacheDir)],
    ["Edge: query-string normalisation", () => benchEdge()],
    ["PR tooling", () => benchCli(REPO_ROOT)],
  ];
  try {
    for (const [name, run] of sections) {
      process.stdout.write(`${formatFigures(name, await run())}\n\n`);
    }
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
