import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { readBuildContext } from "@platform/components/src/build-context";
import { PlatformError } from "@platform/wiring";

/**
 * A stand-in for the manifest digest a build of this context would push: sha256 over the files
 * Docker sends (path and bytes, in path order) and the target platform. Like a real build's
 * digest it changes when any sent file or the platform changes, and not otherwise.
 */
export function buildContextDigest(context: string, platform: string): string {
  if (!fs.existsSync(context) || !fs.statSync(context).isDirectory()) {
    throw new PlatformError(`awsx.ecr.Image: the build context ${context} is not a folder; point the stack's build path at a folder with a Dockerfile.`);
  }
  // A prefix of its own, so the digest never equals a tag some stack derives from the same files.
  const hash = createHash("sha256").update(`offline image manifest\0platform\0${platform}\0`);
  for (const file of readBuildContext(context).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.content.length}\0`).update(file.content);
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
