import type { ChangeOp } from "./model";
import type { JsonObject } from "./parse-file";

/** Removes the engine's colour directives (`<{%fg 1%}>`, `<{%reset%}>`) and surrounding blank space. */
export function plainText(message: unknown): string {
  return typeof message === "string" ? message.replace(/<\{%[^%]*%\}>/g, "").trim() : "";
}

/** `urn:pulumi:<stack>::<project>::<parent$type>::<name>` -> type and name. */
export function parseUrn(urn: string): { stack?: string; project?: string; type: string; name: string } {
  const parts = urn.split("::");
  if (parts.length < 4) return { type: "", name: urn };
  const qualifiedType = parts[2];
  return {
    stack: parts[0].replace(/^urn:pulumi:/, ""),
    project: parts[1],
    type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1),
    name: parts.slice(3).join("::"),
  };
}

export const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

export const asObject = (value: unknown): JsonObject | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined);

/**
 * Paths from a detailed diff (`{ "ingress[1].fromPort": { diffKind|kind: "add" } }`): all paths,
 * and the ones whose kind forces a replacement (`*-replace`).
 */
export function detailedDiffPaths(detailedDiff: unknown): { paths: string[]; replacing: string[] } {
  const diff = asObject(detailedDiff) ?? {};
  const paths = Object.keys(diff);
  const replacing = paths.filter((p) => {
    const entry = asObject(diff[p]);
    const kind = asString(entry?.diffKind) ?? asString(entry?.kind) ?? "";
    return kind.endsWith("-replace");
  });
  return { paths, replacing };
}

/** Natural, stable order for property paths: `a[2]` before `a[10]`. */
export const comparePaths = (a: string, b: string): number => a.localeCompare(b, "en", { numeric: true });

/** Engine step ops folded into the report's five; every replacement step becomes `replace`. */
export const OP_OF: Readonly<Record<string, ChangeOp>> = {
  same: "same",
  read: "same",
  refresh: "same",
  "remove-pending-replace": "same",
  create: "create",
  import: "create",
  update: "update",
  delete: "delete",
  discard: "delete",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  "discard-replaced": "replace",
  "read-replacement": "replace",
  "import-replacement": "replace",
};

