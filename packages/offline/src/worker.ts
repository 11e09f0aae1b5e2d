/**
 * Child-process entry of the offline plan: runs one stack program under the mock runtime and
 * writes its StackRun as JSON to the file named in the request. Each stack gets its own process,
 * as under the Pulumi CLI, so one program's globals cannot leak into the next.
 *
 * Request (JSON on stdin): { stack, env, repoRoot, upstreams: { ["<stack>/<env>"]: {outputs, secretOutputNames} },
 * config?: overrides, preview?: boolean, read?: boolean, resultFile }.
 */
import * as fs from "node:fs";
import type { StackName } from "@platform/wiring";
import { prepareStackRun } from "./pulumi-files";
import { StackRunError, referenceOutputs, runStackInProcess } from "./run-stack";

export interface WorkerRequest {
  readonly stack: StackName;
  readonly env: string;
  readonly repoRoot: string;
  readonly upstreams: Record<string, { outputs: Record<string, unknown>; secretOutputNames: string[] }>;
  readonly config?: Record<string, unknown>;
  /** Run as a first `pulumi preview` rather than an `up`. */
  readonly preview?: boolean;
  /** In a preview: a downstream stack reads this one's outputs, so an up of the program runs too, for them. */
  readonly read?: boolean;
  readonly resultFile: string;
}

export type WorkerResult =
  /** `deployed`: in a preview, the outputs an up of the same program exports, which downstream StackReferences read. */
  | { readonly ok: true; readonly run: import("./types").StackRun; readonly deployed?: ReturnType<typeof referenceOutputs> }
  | { readonly ok: false; readonly message: string; readonly userError: boolean };

async function main(): Promise<void> {
  const request = JSON.parse(fs.readFileSync(0, "utf8")) as WorkerRequest;
  let result: WorkerResult;
  try {
    const prepared = prepareStackRun(request.repoRoot, request.stack, request.env, request.config);
    const input = { ...prepared, upstreams: new Map(Object.entries(request.upstreams)) };
    if (request.preview === true) {
      const run = await runStackInProcess({ ...input, preview: true });
      result = { ok: true, run, ...(request.read === true ? { deployed: referenceOutputs(await runStackInProcess(input)) } : {}) };
    } else {
      result = { ok: true, run: await runStackInProcess(input) };
    }
  } catch (err) {
    if (err instanceof StackRunError) result = { ok: false, message: err.message, userError: err.userError };
    else if (err instanceof Error && err.name === "PlatformError") result = { ok: false, message: err.message, userError: true };
    else result = { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err), userError: false };
  }
  fs.writeFileSync(request.resultFile, JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`offline worker crashed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(70);
  },
);
