import * as fs from "node:fs";
import * as path from "node:path";
import type { StackName } from "@platform/wiring";
import { orchestrate, renderRunSummary } from "../orchestrate/orchestrate";
import type { StackResult, StackRunner } from "../orchestrate/types";
import { countsOf, renderReport, reportModelForFiles } from "../report";
import type { StackChangeSet } from "../report/model";
import { DRIFT_EXIT_CODE } from "../errors";

export { DRIFT_EXIT_CODE };

/** Where `platform drift` keeps each stack's refresh events; the preview logs stay untouched. */
export const driftLogDir = (root: string, env: string): string => path.join(root, ".platform", "drift", env);

export interface DriftResult {
  readonly results: readonly StackResult[];
  /** The stacks that ran, as the report reads them from their event logs. */
  readonly stacks: readonly StackChangeSet[];
  /** Stacks with at least one resource changed or deleted outside Pulumi. */
  readonly drifted: readonly string[];
  /** One Markdown document: the report (the issue body in CI), or a line saying nothing drifted. */
  readonly markdown: string;
  /** 0 no drift, DRIFT_EXIT_CODE drift, 1 a refresh failed (whether or not others drifted). */
  readonly exitCode: number;
}

export const hasDrift = (stack: StackChangeSet): boolean => {
  const { ops } = countsOf(stack);
  return ops.create + ops.update + ops.replace + ops.delete > 0;
};

const LEGEND =
  "In a drift report, **update** means the resource was changed outside Pulumi (the properties listed differ from the state), " +
  "**delete** that it no longer exists in the cloud. Either bring the code and config in line and run `platform up`, which puts " +
  "the resources back as declared, or accept the cloud's values into the state with `pulumi refresh` in the stack's folder.";

/**
 * A refresh-only preview of every stack (`pulumi refresh --preview-only`): the state compared with
 * the cloud, nothing written. The engine's expect-no-changes semantics (any change is a non-zero
 * exit) are applied here rather than by the engine, so that drift (exit 3) and a refresh that
 * failed (exit 1) stay distinguishable to the workflow that keeps the drift issue.
 */
export async function runDrift(options: {
  root: string;
  env: string;
  stacks: readonly StackName[];
  runner: StackRunner;
  progress: (line: string) => void;
  runUrl?: string;
}): Promise<DriftResult> {
  const logs = driftLogDir(options.root, options.env);
  fs.rmSync(logs, { recursive: true, force: true });
  const logOf = (stack: StackName): string => path.join(logs, `${stack}.jsonl`);
  const results = await orchestrate({ operation: "refresh", env: options.env, stacks: options.stacks, eventLogFor: logOf }, options.runner, options.progress);
  const ran = results.filter((r) => r.status === "succeeded" || r.status === "failed").map((r) => logOf(r.stack)).filter((f) => fs.existsSync(f));
  const title = `Drift (${options.env})`;
  const model = reportModelForFiles(ran, { title });
  const drifted = model.stacks.filter(hasDrift).map((s) => s.stack);
  const failed = results.some((r) => r.status === "failed");
  const footer = [LEGEND, "", `Checked: ${renderRunSummary(results).trim().replace(/\n/g, " ")}`, ...(options.runUrl ? ["", `Run: ${options.runUrl}`] : [])].join("\n");
  const markdown = drifted.length > 0 || failed ? `${renderReport(model, 60_000).trimEnd()}\n\n${footer}\n` : `## ${title}\n\nNo drift: every deployed stack matches its state.\n\n${footer}\n`;
  return { results, stacks: model.stacks, drifted, markdown, exitCode: failed ? 1 : drifted.length > 0 ? DRIFT_EXIT_CODE : 0 };
}
