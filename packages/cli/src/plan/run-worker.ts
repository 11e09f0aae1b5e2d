import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { WorkerRequest, WorkerResult } from "@platform/offline/src/worker";
import { trackChild, untilDone } from "./cleanup";
import { programWarnings } from "./program-log";

const WORKER = require.resolve("@platform/offline/src/worker.ts");
// esbuild-register compiles only TypeScript files; tsx's resolver hooks cost ~40% more CPU per stack.
const TS_LOADER = require.resolve("esbuild-register");

/** Runs one stack in its own Node process (packages/offline/src/worker.ts) and returns its result. */
export async function runStackWorker(request: Omit<WorkerRequest, "resultFile">): Promise<WorkerResult & { readonly warnings: readonly string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-plan-"));
  const resultFile = path.join(dir, "result.json");
  const removeDir = (): void => fs.rmSync(dir, { recursive: true, force: true });
  const done = untilDone(removeDir);
  try {
    const child = spawn(process.execPath, ["--require", TS_LOADER, WORKER], { stdio: ["pipe", "pipe", "pipe"], cwd: request.repoRoot });
    trackChild(child);
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.stdin.end(JSON.stringify({ ...request, resultFile }));
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    });
    if (!fs.existsSync(resultFile)) {
      return { ok: false, userError: false, message: `the ${request.stack} stack's offline run exited with code ${code} and no result:\n${output.trim()}`, warnings: [] };
    }
    return { ...(JSON.parse(fs.readFileSync(resultFile, "utf8")) as WorkerResult), warnings: programWarnings(output) };
  } finally {
    done();
    removeDir();
  }
}
