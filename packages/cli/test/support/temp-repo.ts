import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { linkDependencies } from "../../src/plan/base-worktree";
import { REPO_ROOT } from "../../src/repo";

/**
 * A throwaway git repository holding this checkout's files (tracked and untracked, as they are
 * now) in one commit, with this checkout's node_modules linked in, so `platform plan --base`
 * runs end to end over real commits without touching the real repository.
 */
export class TempRepo {
  readonly dir: string;
  /** TMPDIR of the CLI runs: what they leave behind in temporary folders shows up here alone. */
  readonly tmp: string;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-e2e-"));
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-e2e-tmp-"));
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0");
    for (const file of files) {
      const from = path.join(REPO_ROOT, file);
      if (file === "" || !fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      fs.copyFileSync(from, path.join(this.dir, file));
    }
    this.git("init", "-q", "-b", "main");
    this.commit("base");
    linkDependencies(REPO_ROOT, this.dir);
  }

  git(...args: string[]): string {
    return execFileSync("git", ["-c", "user.email=e2e@example.com", "-c", "user.name=e2e", ...args], { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  commit(message: string): void {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
  }

  /** Rewrites one file of the working tree; fails when `from` is not in it (the test would prove nothing). */
  edit(file: string, from: string, to: string): void {
    const full = path.join(this.dir, file);
    const text = fs.readFileSync(full, "utf8");
    if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
    fs.writeFileSync(full, text.replace(from, to));
  }

  /** The repository's own CLI (its copy of packages/cli), run in it. */
  platform(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const child = spawnSync(process.execPath, [this.bin, ...args], { cwd: this.dir, env: this.env, encoding: "utf8", timeout: 180_000 });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr };
  }

  get bin(): string {
    return path.join(this.dir, "packages/cli/bin/platform.js");
  }

  get env(): NodeJS.ProcessEnv {
    // V8's code cache is meant to outlive a run, so it is kept out of the folder whose leftovers the tests count.
    return { ...process.env, TMPDIR: this.tmp, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(os.tmpdir(), "node-compile-cache") };
  }

  /** What the CLI runs left in their temporary folder. */
  leftovers(): string[] {
    return fs.readdirSync(this.tmp);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
