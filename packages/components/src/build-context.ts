import * as fs from "node:fs";
import * as path from "node:path";

/** One file of a Docker build context, by its path relative to the context. */
export interface ContextFile {
  readonly path: string;
  readonly content: Buffer;
}

/**
 * Names listed in the context's .dockerignore, read as plain top-level file or folder names
 * (what the reference service uses); Docker does not send these, so they cannot change an image.
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

/**
 * Every file Docker would send from the build context, with paths relative to it ("/"-separated).
 * The app's image tag and the offline plan's image digest both hash exactly these files.
 */
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
