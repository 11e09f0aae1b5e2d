import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PlatformError } from "@platform/wiring";

/**
 * Top-level names a context's .dockerignore lists; Docker does not send those, so they cannot
 * change the image. (Plain names only: the pattern syntax beyond that is not used by our services.)
 */
function ignoredNames(context: string): Set<string> {
  const file = path.join(context, ".dockerignore");
  if (!fs.existsSync(file)) return new Set();
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).map((l) => l.trim().replace(/^\/+|\/+$/g, ""));
  return new Set(lines.filter((l) => l !== "" && !l.startsWith("#")));
}

/**
 * A stand-in for the manifest digest a build of this context would push: sha256 over the files
 * Docker sends (path and bytes, in path order) and the target platform. Like a real build's
 * digest it changes when any sent file or the platform changes, and not otherwise.
 */
export function buildContextDigest(context: string, platform: string): string {
  if (!fs.existsSync(context) || !fs.statSync(context).isDirectory()) {
    throw new PlatformError(`awsx.ecr.Image: the build context ${context} is not a folder; point the stack's build path at a folder with a Dockerfile.`);
  }
  const ignored = ignoredNames(context);
  const files: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (ignored.has(child)) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), child);
      else if (entry.isFile()) files.push(child);
    }
  };
  walk(context, "");
  // A prefix of its own, so the digest never equals a tag some stack derives from the same files.
  const hash = createHash("sha256").update(`offline image manifest\0platform\0${platform}\0`);
  for (const file of files.sort()) {
    const content = fs.readFileSync(path.join(context, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest("hex");
}

/**
 * Outputs of the awsx.ecr.Image remote component (its schema: `imageUri`, the pushed image by
 * digest, `<repositoryUrl>@sha256:<digest>`), so task definitions plan with the image AWS gets.
 */
export function ecrImageOutputs(inputs: Record<string, unknown>): Record<string, unknown> {
  const repositoryUrl = String(inputs.repositoryUrl ?? "");
  const context = String(inputs.context ?? ".");
  const platform = String(inputs.platform ?? "linux/amd64");
  return { imageUri: `${repositoryUrl}@sha256:${buildContextDigest(context, platform)}` };
}
