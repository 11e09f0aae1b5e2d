import type { ChildProcess } from "node:child_process";

/**
 * What the plan leaves behind if it is stopped half-way: the base ref's git worktree, temporary
 * folders, stack and policy-pack processes. Each is registered while it exists; Ctrl-C
 * (SIGINT), SIGTERM and the process's own exit undo whatever is still registered, synchronously,
 * before the process goes away.
 */
const undo = new Map<number, () => void>();
let next = 0;
let installed = false;

const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

function runAll(): void {
  for (const fn of [...undo.values()].reverse()) {
    try {
      fn();
    } catch {
      // Best effort: one leftover that cannot be removed must not keep the others.
    }
  }
  undo.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", runAll);
  for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
    process.on(signal, () => {
      process.stderr.write(`\nplatform: ${signal === "SIGINT" ? "interrupted" : "terminated"}; cleaning up\n`);
      runAll();
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}

/** Registers `fn` to run if the process is interrupted or exits first; call the result once it is done normally. */
export function untilDone(fn: () => void): () => void {
  install();
  const id = next++;
  undo.set(id, fn);
  return () => void undo.delete(id);
}

/** Kills a child process (and, when it leads a process group, its whole group) unless it has exited. */
export function killTree(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** Tracks a child until it exits, so an interrupted or finished plan never leaves it running. */
export function trackChild(child: ChildProcess): void {
  const done = untilDone(() => killTree(child));
  child.once("exit", done);
}
