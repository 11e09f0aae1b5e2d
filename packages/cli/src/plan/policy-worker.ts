import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { StackRun } from "@platform/offline";
import type { StackName } from "@platform/wiring";
import { UserError } from "../errors";
import { untilDone } from "./cleanup";
import type { PlanViolation } from "./model";
import type { DefaultProviderConfig } from "./policy-check";
import type { FromChecker, SerializedError, ToChecker } from "./policy-worker-messages";

/**
 * The policy pack for an offline plan, driven from a worker thread (policy-worker-host.ts).
 *
 * The plan runs the stack programs on this thread, each for ~0.1-0.3 s without returning to the
 * event loop, so a pack client here would read the pack's port, finish its gRPC handshake and
 * receive answers only between programs or after the last one: the pack sat ready and idle
 * while its checks waited (README, "Speed"). From the worker the pack starts, is configured and
 * checks each stack as soon as that stack is planned, while the next program runs here.
 */
export interface PolicyChecker {
  /** The stack's violations, as the engine's analyze and analyzeStack calls would report them. */
  check(stack: StackName, run: StackRun, defaults: DefaultProviderConfig): Promise<PlanViolation[]>;
  /** Resolves once the pack is configured; rejects with the reason it could not start. */
  readonly started: Promise<void>;
  /** Stops the pack and the worker. */
  close(): Promise<void>;
}

/** The worker's entry: registers the TypeScript hook the platform command uses, then the host. */
const ENTRY = path.join(__dirname, "policy-worker-entry.js");

/** An error from the worker as its own class: a UserError stays one, so it prints without a stack trace. */
function revive(e: SerializedError): Error {
  if (e.name === "UserError") return new UserError(e.message);
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

export function startPolicyChecker(repoRoot: string, env: string): PolicyChecker {
  const worker = new Worker(ENTRY, { workerData: { repoRoot, env } });
  const pending = new Map<number, { resolve: (v: PlanViolation[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  let resolveStarted: () => void = () => undefined;
  let rejectStarted: (e: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => ((resolveStarted = resolve), (rejectStarted = reject)));
  // Callers await `started` when they need to; an unobserved failure must not crash the process.
  started.catch(() => undefined);
  let packPid: number | undefined;
  // A plan stopped by a signal must not orphan the pack (a CI timeout signals this process only).
  const done = untilDone(() => {
    if (packPid !== undefined) process.kill(packPid, "SIGKILL");
  });
  const failAll = (error: Error) => {
    failure ??= error;
    rejectStarted(failure);
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));

  worker.on("message", (message: FromChecker) => {
    switch (message.kind) {
      case "spawned":
        packPid = message.pid;
        return;
      case "started":
        resolveStarted();
        return;
      case "failed":
        failAll(revive(message.error));
        return;
      case "result":
      case "error": {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.kind === "result") call?.resolve(message.violations);
        else call?.reject(revive(message.error));
        return;
      }
    }
  });
  worker.on("error", (e) => failAll(e));
  worker.on("exit", (code) => failAll(new Error(`the policy pack's worker thread stopped (exit code ${code})`)));

  const post = (message: ToChecker) => worker.postMessage(message);
  return {
    started,
    check: (stack, run, defaults) => {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<PlanViolation[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ kind: "check", id, stack, run, defaults });
      });
    },
    close: async () => {
      post({ kind: "close" });
      await exited;
      done();
    },
  };
}
