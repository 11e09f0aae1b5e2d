/**
 * The worker side of policy-worker.ts: starts the pack as the Pulumi CLI does, and checks each
 * stack the plan sends as soon as the pack is configured, whatever the plan's thread is doing.
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkStack, startPackForEnv } from "./policy-check";
import { serializeError, type FromChecker, type ToChecker } from "./policy-worker-messages";

const port = parentPort;
if (port === null) throw new Error("policy-worker-host.ts runs only as a worker thread (policy-worker.ts starts it)");
const post = (message: FromChecker) => port.postMessage(message);
const { repoRoot, env } = workerData as { repoRoot: string; env: string };

const pack = startPackForEnv(repoRoot, env, { onSpawn: (pid) => pid !== undefined && post({ kind: "spawned", pid }) });
pack.then(
  () => post({ kind: "started" }),
  (e: unknown) => post({ kind: "failed", error: serializeError(e) }),
);

port.on("message", (message: ToChecker) => {
  if (message.kind === "check") {
    pack
      .then((p) => checkStack(p, message.stack, message.run, message.defaults))
      .then(
        (violations) => post({ kind: "result", id: message.id, violations }),
        (e: unknown) => post({ kind: "error", id: message.id, error: serializeError(e) }),
      );
    return;
  }
  // close: the pack is stopped whether it started or not, then the thread ends.
  void pack.then((p) => p.close(), () => undefined).finally(() => port.close());
});
