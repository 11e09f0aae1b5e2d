import { STACK_NAMES, withDownstreams, type StackName } from "@platform/wiring";
import type { WorkspaceLayout } from "./workspace";

/**
 * Changes that affect every stack: the lockfile and root manifests (dependency versions, compiler
 * settings), the policy pack (every stack runs under it) and the wiring package (the graph and
 * contracts every stack is built on).
 */
export const AFFECTS_ALL = ["package-lock.json", "package.json", "tsconfig.base.json", "tsconfig.json", "policies/", "packages/wiring/"];

export interface AffectedStack {
  readonly stack: StackName;
  /** Why it is affected: the first changed file of each kind, or the upstream it follows. */
  readonly reasons: readonly string[];
}

/**
 * Files that cannot change what any stack deploys: documentation, tests and benchmarks (anywhere,
 * including under policies/ and stack folders). A README fix should not preview or deploy.
 */
export function cannotChangeInfrastructure(file: string): boolean {
  return /\.md$/i.test(file) || file.split("/").some((part) => part === "test" || part === "bench" || part === "__snapshots__");
}

const matches = (file: string, entry: string): boolean => (entry.endsWith("/") ? file.startsWith(entry) : file === entry);

/**
 * The environment a file configures, when it configures only one: a stack's `Pulumi.<env>.yaml`
 * (Pulumi reads it only for the stack named <env>) or the policy pack's `policies/config/<env>.json`
 * (`platform preview|up --env <env>` passes only that one).
 */
export function environmentOfFile(file: string): string | undefined {
  if (/^policies\/config\/[^/]+\.json$/.test(file)) return /([^/]+)\.json$/.exec(file)?.[1];
  return /(?:^|\/)Pulumi\.([^./]+)\.ya?ml$/.exec(file)?.[1];
}

/** Stacks a set of changed files touches directly, with the reason for each. */
function directlyAffected(files: readonly string[], layout: WorkspaceLayout, env: string | undefined): Map<StackName, string[]> {
  const direct = new Map<StackName, string[]>();
  const add = (stack: StackName, reason: string): void => {
    const reasons = direct.get(stack) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    direct.set(stack, reasons);
  };
  const otherEnvironment = (file: string): boolean => env !== undefined && environmentOfFile(file) !== undefined && environmentOfFile(file) !== env;
  for (const file of files.filter((f) => !cannotChangeInfrastructure(f) && !otherEnvironment(f))) {
    const global = AFFECTS_ALL.find((entry) => matches(file, entry));
    for (const stack of STACK_NAMES) {
      if (global !== undefined) add(stack, `${file} changed (affects every stack)`);
      else if (layout.stackPaths[stack].some((p) => matches(file, p))) add(stack, `${file} changed`);
      else {
        const pkg = layout.stackPackageDirs[stack].find((dir) => matches(file, dir));
        if (pkg !== undefined) add(stack, `${file} changed (workspace package ${pkg.slice(0, -1)})`);
      }
    }
  }
  return direct;
}

/**
 * The stacks `files` touch plus everything downstream of them, in graph order. With `env`, a
 * file that configures only another environment (stacks/x/Pulumi.prod.yaml for dev) touches nothing.
 */
export function computeAffected(files: readonly string[], layout: WorkspaceLayout, env?: string): AffectedStack[] {
  const direct = directlyAffected(files, layout, env);
  return withDownstreams(direct.keys()).map((stack) => {
    const reasons = direct.get(stack);
    if (reasons !== undefined) return { stack, reasons: reasons.slice(0, 5).concat(reasons.length > 5 ? [`and ${reasons.length - 5} more`] : []) };
    const upstreams = [...direct.keys()].filter((d) => withDownstreams([d]).includes(stack));
    return { stack, reasons: [`downstream of ${upstreams.join(", ")}`] };
  });
}
