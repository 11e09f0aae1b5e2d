/**
 * `npm run bench`: prints the platform's speed figures, each next to a baseline measured in the
 * same run on the same machine, so the ratios mean something on any hardware.
 */
import * as path from "node:path";
import { formatFigures } from "./measure";
import { benchPlan } from "./plan";

const REPO_ROOT = path.resolve(__dirname, "../../..");

async function main(): Promise<void> {
  const sections: [string, () => Promise<import("./measure").Figure[]>][] = [["Offline plan", () => benchPlan(REPO_ROOT)]];
  for (const [name, run] of sections) {
    process.stdout.write(`${formatFigures(name, await run())}\n\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
