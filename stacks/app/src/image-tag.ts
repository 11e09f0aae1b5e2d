import { createHash } from "node:crypto";
import type { ContextFile } from "@platform/components";

export { readBuildContext, type ContextFile } from "@platform/components";

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
