import { execFileSync } from "node:child_process";
import { UserError } from "../errors";

function git(cwd: string, args: readonly string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

function lines(output: string): string[] {
  return output.split("\n").map((l) => l.trim()).filter((l) => l !== "");
}

/** Refuses a ref git cannot resolve to a commit, with the usual reasons and fixes. */
export function assertCommitRef(cwd: string, ref: string): void {
  try {
    git(cwd, ["rev-parse", "--is-inside-work-tree"]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new UserError("git is not installed (no `git` on PATH); affected needs it to list changed files.");
    throw new UserError(`${cwd} is not inside a git work tree; run platform from the repository (or pass a folder that is one).`);
  }
  try {
    git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new UserError(
      `--base "${ref}" is not a commit in this repository. Check the spelling, or fetch it first ` +
        `(for example: git fetch origin main, then --base origin/main; in GitHub Actions check out with fetch-depth: 0).`,
    );
  }
}

/**
 * Files changed since the merge base of `base` and HEAD (what a pull request changes), plus
 * uncommitted and untracked files, relative to `cwd`, sorted and without duplicates.
 */
export function changedFiles(cwd: string, base: string): string[] {
  assertCommitRef(cwd, base);
  const committed = git(cwd, ["diff", "--name-only", "--relative", "--no-renames", `${base}...HEAD`, "--"]);
  const uncommitted = git(cwd, ["diff", "--name-only", "--relative", "--no-renames", "HEAD", "--"]);
  const untracked = git(cwd, ["ls-files", "--others", "--exclude-standard"]);
  return [...new Set([...lines(committed), ...lines(uncommitted), ...lines(untracked)])].sort();
}
