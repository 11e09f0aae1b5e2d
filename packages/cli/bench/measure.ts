import { spawnSync } from "node:child_process";

/** One printed line of the bench: a figure, optionally with the baseline it is compared with. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: { readonly name: string; readonly value: number };
  /** A second reference, printed with its ratio after the baseline's (the floor with a warm code cache). */
  readonly alsoAgainst?: { readonly name: string; readonly value: number };
  /** Print the ratio as baseline / value ("N x fewer"): for figures where smaller is the gain. */
  readonly ratioAsReduction?: boolean;
  readonly goal?: string;
}

export async function timeMs<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

/** The middle item by `key`: one slow outlier on a shared 2-core machine should not decide. */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}

/** Median of `runs` timings. */
export async function medianMs(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timeMs(work)).ms);
  return medianBy(times, (t) => t);
}

/**
 * Environments for the processes the bench starts. The platform's processes keep V8's code cache
 * on disk (packages/components/compile-cache.js, bin/platform.js); a bare floor process must not
 * use one, even when the user's shell exports NODE_COMPILE_CACHE, or it is no floor.
 */
export function bareEnv(): NodeJS.ProcessEnv {
  const { NODE_COMPILE_CACHE: _dir, ...env } = process.env;
  return { ...env, NODE_DISABLE_COMPILE_CACHE: "1" };
}

/** The cache in `dir`: an empty folder gives a cold start (the first run after an install), a used one a warm start. */
export function cachedEnv(dir: string): NodeJS.ProcessEnv {
  const { NODE_DISABLE_COMPILE_CACHE: _off, ...env } = process.env;
  return { ...env, NODE_COMPILE_CACHE: dir };
}

/**
 * A floor sampled again before every measured run of a section, so that each ratio compares runs
 * made under the same conditions. On a shared machine whose speed drifts, one floor taken at the
 * start of a section made its ratios a third better or worse than they were.
 */
export class FloorSamples {
  private readonly samples: number[] = [];

  constructor(
    private readonly name: string,
    private readonly take: () => number,
  ) {}

  sample(): void {
    this.samples.push(this.take());
  }

  /** The median of the samples so far, as a figure's baseline. */
  baseline(): { name: string; value: number } {
    if (this.samples.length === 0) this.sample();
    return { name: `${this.name} (median of ${this.samples.length}, taken between the runs)`, value: medianBy(this.samples, (t) => t) };
  }
}

/** Runs `work` with `env` as process.env, so the processes it starts (spawn reads process.env) get that environment. */
export async function withProcessEnv<T>(env: NodeJS.ProcessEnv, work: () => Promise<T>): Promise<T> {
  const saved = process.env;
  process.env = env;
  try {
    return await work();
  } finally {
    process.env = saved;
  }
}

/** Wall time of a `node -e <script>` process: bare (the floor any per-stack process pays), or with the code cache of `env`. */
export function nodeProcessMs(script: string, cwd: string, env: NodeJS.ProcessEnv = bareEnv()): number {
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["-e", script], { cwd, stdio: "ignore", env });
  if (child.status !== 0) throw new Error(`bench floor process failed: node -e ${script}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function formatFigures(section: string, figures: readonly Figure[]): string {
  const lines = [`## ${section}`];
  for (const f of figures) {
    let line = `  ${f.name}: ${round(f.value)} ${f.unit}`;
    if (f.baseline) {
      const ratio = f.ratioAsReduction ? `${(f.baseline.value / f.value).toFixed(2)}x fewer` : `${(f.value / f.baseline.value).toFixed(2)}x`;
      line += `  | ${f.baseline.name}: ${round(f.baseline.value)} ${f.unit}  | ratio ${ratio}`;
    }
    if (f.alsoAgainst) line += `  | ${f.alsoAgainst.name}: ${round(f.alsoAgainst.value)} ${f.unit}, ratio ${(f.value / f.alsoAgainst.value).toFixed(2)}x`;
    if (f.goal) line += `  | goal: ${f.goal}`;
    lines.push(line);
  }
  return lines.join("\n");
}

function round(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
