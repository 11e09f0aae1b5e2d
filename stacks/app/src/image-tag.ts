import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** One file of a Docker build context, by its path relative to the context. */
export interface ContextFile {
  readonly path: string;
  readonly content: Buffer;
}

/**
 * The tag of an image built from these files for this platform. ECR tags are immutable, and
 * awsx.ecr.Image's own tag is a hash of the context *path*, equal for every build of the folder,
 * so a changed build could never be pushed. This tag changes exactly when a file (or the target
 * platform) changes, and is the same on every machine for the same sources.
 */
export function contentTag(files: readonly ContextFile[], platform: string): string {
  const hash = createHash("sha256");
  hash.update(`platform\0${platform}\0`);
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.content.length}\0`);
    hash.update(file.content);
  }
  return `src-${hash.digest("hex").slice(0, 40)}`;
}

/**
 * Names listed in the context's .dockerignore, read as plain top-level file or folder names
 * (what the reference service uses); Docker does not send these, so they do not change the tag.
 */
function ignoredNames(context: string): Set<string> {
  const file = path.join(context, ".dockerignore");
  if (!fs.existsSync(file)) return new Set();
  return new Set(
    fs
      .readFileSync(file, "utf8")
      .split(/\r?\n/)
      .map((line) => line.trim().replace(/^\/+|\/+$/g, ""))
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
}

/** Every file Docker would send from the build context, with paths relative to it ("/"-separated). */
export function readBuildContext(context: string): ContextFile[] {
  const ignored = ignoredNames(context);
  const files: ContextFile[] = [];
  const walk = (dir: string, relative: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (ignored.has(rel)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, rel);
      else if (entry.isFile()) files.push({ path: rel, content: fs.readFileSync(full) });
    }
  };
  walk(context, "");
  return files;
}
