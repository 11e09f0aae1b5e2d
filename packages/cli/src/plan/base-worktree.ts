import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertCommitRef } from "../affected/git";
import { untilDone } from "./cleanup";

/**
 * A temporary checkout of `ref` that can run stack programs: a detached git worktree whose
 * node_modules links to this checkout's installed packages, except the workspace packages
 * (@platform/*), which point into the worktree so the base ref's own wiring and stacks run.
 * The base ref's third-party dependencies are this checkout's: a PR that changes them is
 * planned with the new versions on both sides.
 */
export async function withBaseWorktree<T>(repoRoot: string, ref: string, work: (dir: string) => Promise<T>): Promise<T> {
  assertCommitRef(repoRoot, ref);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-base-"));
  const git = (args: string[]) => execFileSync("git", args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  const remove = (): void => {
    try {
      git(["worktree", "remove", "--force", dir]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      git(["worktree", "prune"]);
    }
  };
  // Ctrl-C while the base is planned must not leave the worktree (and its registration in .git) behind.
  const done = untilDone(remove);
  try {
    git(["worktree", "add", "--detach", "--force", dir, ref]);
    linkDependencies(repoRoot, dir);
    return await work(dir);
  } finally {
    done();
    remove();
  }
}

function workspacePackages(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const globs = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { workspaces?: string[] }).workspaces ?? [];
  for (const glob of globs) {
    const dirs = glob.endsWith("/*") ? listDirs(path.join(root, glob.slice(0, -2))) : [path.join(root, glob)];
    for (const dir of dirs) {
      const manifest = path.join(dir, "package.json");
      if (fs.existsSync(manifest)) found.set((JSON.parse(fs.readFileSync(manifest, "utf8")) as { name: string }).name, dir);
    }
  }
  return found;
}

function listDirs(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)) : [];
}

/**
 * Gives `worktree` this checkout's installed packages: a symlink per package, except the
 * workspace packages (@platform/*), which point into the worktree's own folders.
 */
export function linkDependencies(repoRoot: string, worktree: string): void {
  const source = path.join(repoRoot, "node_modules");
  const target = path.join(worktree, "node_modules");
  fs.mkdirSync(target, { recursive: true });
  const ours = workspacePackages(worktree);
  for (const entry of fs.readdirSync(source)) {
    if (entry === "@platform" || entry === ".bin") continue;
    fs.symlinkSync(path.join(source, entry), path.join(target, entry));
  }
  fs.mkdirSync(path.join(target, "@platform"), { recursive: true });
  for (const [name, dir] of ours) {
    if (name.startsWith("@platform/")) fs.symlinkSync(dir, path.join(target, name));
  }
}
