/**
 * pike's IAM mappings (vendored under ./pike, see ./README.md): for each Terraform resource and
 * data source, the actions of plan (read), apply (create), modify, destroy, and those an
 * attribute needs when it is set.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { TerraformKind, TerraformType } from "./terraform-types";

export const PIKE_DIR = path.join(__dirname, "pike");

export interface PikeMapping {
  readonly apply: readonly string[];
  readonly plan: readonly string[];
  readonly modify: readonly string[];
  readonly destroy: readonly string[];
  /** Terraform attribute name -> actions it needs when set. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/** Every name pike maps, with its file below pike/<kind>/. */
export type PikeIndex = { readonly [K in TerraformKind]: Readonly<Record<string, string>> };

let index: PikeIndex | undefined;

export function pikeIndex(): PikeIndex {
  index ??= JSON.parse(fs.readFileSync(path.join(PIKE_DIR, "index.json"), "utf8")) as PikeIndex;
  return index;
}

export const pikeKnows = (type: TerraformType): boolean => pikeIndex()[type.kind][type.name] !== undefined;

/** The vendored mapping of a type; undefined when pike has it but it is not vendored yet. */
export function pikeMapping(type: TerraformType): PikeMapping | undefined {
  const file = pikeIndex()[type.kind][type.name];
  if (file === undefined) return undefined;
  const full = path.join(PIKE_DIR, type.kind, file);
  if (!fs.existsSync(full)) return undefined;
  // pike keeps one object in a one-element array; an empty array is a type that needs no
  // permission (aws_caller_identity: sts:GetCallerIdentity is allowed to everyone).
  const [raw = {}] = JSON.parse(fs.readFileSync(full, "utf8")) as Partial<PikeMapping>[];
  return { apply: raw.apply ?? [], plan: raw.plan ?? [], modify: raw.modify ?? [], destroy: raw.destroy ?? [], attributes: raw.attributes ?? {} };
}
