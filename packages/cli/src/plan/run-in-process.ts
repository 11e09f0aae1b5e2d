import { prepareStackRun, referenceOutputs, runStackInProcess, StackRunError, type StackRun, type UpstreamOutputs } from "@platform/offline";
import { definedStackPrograms, type StackName } from "@platform/wiring";
import { replacementKey } from "./force-new";
import { programWarnings } from "./program-log";

export interface InProcessRequest {
  readonly stack: StackName;
  readonly env: string;
  readonly repoRoot: string;
  readonly upstreams: UpstreamOutputs;
  readonly config?: Record<string, unknown>;
  /** Run as a first `pulumi preview` rather than an `up`. */
  readonly preview?: boolean;
  /** In a preview: a downstream stack reads this one's outputs, so an up of the program runs too, for them. */
  readonly read?: boolean;
}

export type InProcessResult = (
  /** `deployed`: in a preview, the outputs an up of the same program exports, which downstream StackReferences read. */
  | { readonly ok: true; readonly run: StackRun; readonly deployed?: ReturnType<typeof referenceOutputs> }
  | { readonly ok: false; readonly message: string; readonly userError: boolean }
) & {
  /** What the program logged with `pulumi.log.warn`. */
  readonly warnings: readonly string[];
};

/**
 * Stack programs already loaded in this process, by the absolute path of their entry file.
 * The wiring's registry is keyed by stack name only, and `plan --base` loads a second copy of
 * every stack from a temporary worktree: without this, the base plan would re-run this
 * checkout's programs.
 */
const loadedPrograms = new Map<string, () => Promise<Record<string, unknown>>>();

/**
 * Runs one stack program in this process under a fresh mock runtime (packages/offline resets the
 * SDK's global store per run), the way `runStacks` runs them for tests. One process loads
 * @pulumi/pulumi and @pulumi/aws once for every stack, which is most of what a stack costs.
 */
export async function runStackHere(request: InProcessRequest): Promise<InProcessResult> {
  const output: string[] = [];
  try {
    const prepared = prepareStackRun(request.repoRoot, request.stack, request.env, request.config);
    const registry = definedStackPrograms();
    const loaded = loadedPrograms.get(prepared.programPath);
    if (loaded) registry[request.stack] = loaded;
    else delete registry[request.stack];
    const input = { ...prepared, upstreams: request.upstreams, replacementKey };
    const run = await withConsoleTo(output, () => runStackInProcess({ ...input, preview: request.preview === true }));
    const defined = registry[request.stack];
    if (defined) loadedPrograms.set(prepared.programPath, defined);
    const deployed = request.preview === true && request.read === true ? { deployed: referenceOutputs(await withConsoleTo([], () => runStackInProcess(input))) } : {};
    // The same plain JSON the plan prints: no live objects of the run leak into reports or diffs.
    return { ok: true, ...(JSON.parse(JSON.stringify({ run, ...deployed })) as { run: StackRun }), warnings: programWarnings(output.join("\n")) };
  } catch (err) {
    const warnings = programWarnings(output.join("\n"));
    if (err instanceof StackRunError) return { ok: false, message: err.message, userError: err.userError, warnings };
    if (err instanceof Error && err.name === "PlatformError") return { ok: false, message: err.message, userError: true, warnings };
    return { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err), userError: false, warnings };
  }
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug"] as const;

/**
 * Without an engine, the SDK's log functions print to the console (info to stdout, which
 * `--format json` owns). While a program runs, its console output is collected instead, as the
 * worker process's output was, and the plan keeps its `pulumi.log.warn` lines (program-log.ts);
 * the plan's progress lines are written to process.stderr directly and stay.
 */
async function withConsoleTo<T>(lines: string[], work: () => Promise<T>): Promise<T> {
  const saved = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  for (const m of CONSOLE_METHODS) console[m] = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  try {
    return await work();
  } finally {
    for (const [m, fn] of saved) console[m] = fn;
  }
}
