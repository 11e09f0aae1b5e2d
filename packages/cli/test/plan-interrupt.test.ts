import { execFileSync, spawn } from "node:child_process";
import { TempRepo } from "./support/temp-repo";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").map((l) => Number(l.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
};

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!condition()) throw new Error(`gave up waiting for ${what}`);
}

test("a plan --base stopped with SIGTERM (as a CI timeout stops it) removes the base worktree and temp folders and kills its processes", async () => {
  const repo = new TempRepo();
  try {
    const cli = spawn(process.execPath, [repo.bin, "plan", "--stack", "security", "--base", "HEAD", "--no-policy"], { cwd: repo.dir, env: repo.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    cli.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => cli.on("exit", (code) => resolve(code)));
    // Stop it while the base is being planned: its worktree exists. The stacks run in the command's
    // own process, so no child need be running then (esbuild's service was one, always).
    await until(() => stderr.includes("planning HEAD for comparison") && repo.git("worktree", "list").trim().split("\n").length === 2, "the base plan to start");
    const children = childrenOf(cli.pid as number);
    cli.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(stderr).toContain("platform: terminated; cleaning up");
    expect(repo.git("worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(repo.leftovers()).toEqual([]);
    await until(() => children.every((pid) => !alive(pid)), "the children to go");
  } finally {
    repo.remove();
  }
});

test("a plan stopped with SIGTERM while the policy pack runs (started from its worker thread) kills the pack", async () => {
  const repo = new TempRepo();
  try {
    const cli = spawn(process.execPath, [repo.bin, "plan", "--stack", "security"], { cwd: repo.dir, env: repo.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    cli.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => cli.on("exit", (code) => resolve(code)));
    const packs = () => childrenOf(cli.pid as number).filter((pid) => execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).includes("run-policy-pack"));
    await until(() => packs().length === 1 && stderr.includes("security: planning"), "the pack and the program to run");
    const [pack] = packs();
    cli.kill("SIGTERM");
    expect(await exited).toBe(143);
    await until(() => !alive(pack), "the pack to go");
  } finally {
    repo.remove();
  }
});
