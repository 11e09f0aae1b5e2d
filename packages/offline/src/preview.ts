import { UNKNOWN } from "./types";

/**
 * Names the provider fills in at Check time (Pulumi auto-naming), which are therefore planned
 * values in a preview, not computed ones: `name` for most types, `bucket` for S3 buckets.
 */
const AUTO_NAMED = new Set(["name", "bucket"]);

/**
 * What the engine answers in a first preview for a resource it would create: the provider's
 * Create(preview) returns the checked inputs as planned state, every other output is computed and
 * unknown, and so is the id (pkg/resource/deploy/step.go CreateStep.Apply with preview: outputs
 * are the provider's planned state; the Node SDK resolves the empty id as unknown,
 * sdk/nodejs/runtime/resource.ts `resp.getId() || undefined`).
 *
 * `inputs` and `computed` are in wire encoding; the result is too.
 */
export function previewOutputs(inputs: Record<string, unknown>, computed: Record<string, unknown>): Record<string, unknown> {
  const planned: Record<string, unknown> = { ...inputs };
  for (const key of Object.keys(computed)) {
    if (key in planned) continue;
    planned[key] = AUTO_NAMED.has(key) ? computed[key] : UNKNOWN;
  }
  return planned;
}
