import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface PackProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Milliseconds from spawn until the pack printed its port. */
  readonly startupMs: number;
  stderr(): string;
}

/**
 * Finds run-policy-pack the way the Pulumi CLI's Node.js language host does: @pulumi/pulumi as
 * resolved from the pack's own directory (a workspace root's node_modules counts).
 */
export function runPolicyPackScript(packDir: string): string {
  let pkg: string;
  try {
    pkg = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
  } catch {
    throw new Error(`Cannot start policy pack ${packDir}: @pulumi/pulumi is not installed for it. Run npm install in the pack (or workspace root).`);
  }
  return path.join(path.dirname(pkg), "cmd", "run-policy-pack");
}

/**
 * Starts `node .../run-policy-pack <engine-address> <pack-dir>` in the pack directory (the CLI
 * runs plugins there, and ts-node reads the pack's tsconfig.json from it) and waits for the port
 * the pack prints on stdout.
 */
export function spawnPack(packDir: string, engineAddress: string, timeoutMs: number, onSpawn?: (pid: number | undefined) => void): Promise<PackProcess> {
  const dir = path.resolve(packDir);
  if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
    return Promise.reject(new Error(`${dir} is not a policy pack: PulumiPolicy.yaml is missing.`));
  }
  const script = runPolicyPackScript(dir);
  const started = performance.now();
  const child = spawn(process.execPath, [script, engineAddress, dir], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  onSpawn?.(child.pid);
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  return new Promise<PackProcess>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`Policy pack ${dir} did not start: ${why}.${err.trim() ? `\n--- pack stderr ---\n${err.trim()}` : ""}${out.trim() ? `\n--- pack stdout ---\n${out.trim()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`no port printed within ${timeoutMs} ms`), timeoutMs);
    child.on("error", (e) => fail(e.message));
    child.on("exit", (code, signal) => fail(`it exited (code ${code}${signal ? `, signal ${signal}` : ""}) before printing its port`));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const line = out.split("\n").find((l, i, all) => i < all.length - 1 && /^\d+$/.test(l.trim()));
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.removeAllListeners("error");
      resolve({ child, port: Number(line.trim()), startupMs: performance.now() - started, stderr: () => err });
    });
  });
}
