import forceNewData from "../../data/force-new.json";

/**
 * Which input changes make the AWS provider replace a resource, from the provider's own schemas
 * (data/force-new.json, extracted from terraform-provider-aws by scripts/refresh-force-new.ts;
 * source commit and licence in the file and in data/SOURCES.md).
 */
const BY_TYPE: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(forceNewData.resources).map(([type, r]) => [type, r.forceNew]));

/** Where the data comes from, for messages. */
export const FORCE_NEW_SOURCE = forceNewData.source;

/** `ingress[2].cidrBlocks[0]` -> `ingress.cidrBlocks`: force-new paths name attributes, not list items. */
const attributePath = (path: string): string => path.replace(/\[\d+\]/g, "").replace(/\["[^"]*"\]/g, "");

/** Whether the provider data knows this type at all (types newer than its source commit are not). */
export function knowsType(type: string): boolean {
  return BY_TYPE.has(type);
}

/**
 * The changed paths that force a replacement: a path whose attribute is force-new, or that adds
 * or removes a whole block holding one (a new list item sets its force-new attributes).
 */
export function replacingPaths(type: string, changedPaths: readonly string[]): string[] {
  const forceNew = BY_TYPE.get(type);
  if (!forceNew || forceNew.length === 0) return [];
  return changedPaths.filter((p) => {
    const attr = attributePath(p);
    return forceNew.some((f) => attr === f || attr.startsWith(`${f}.`) || (f.startsWith(`${attr}.`) && /\]$/.test(p)));
  });
}

/** Whether changing top-level input `property` (e.g. one fed by a replaced resource's id) forces a replacement. */
export function propertyForcesReplacement(type: string, property: string): boolean {
  return BY_TYPE.get(type)?.includes(property) ?? false;
}

/**
 * The values of a resource's top-level force-new inputs, as one string: what its cloud identity
 * rests on. The offline plan seeds mock ids with it, so a replacement yields a new id as AWS
 * gives one, and whatever reads that id (in the stack or downstream) shows the change.
 */
export function replacementKey(type: string, inputs: Record<string, unknown>): string | undefined {
  const forceNew = BY_TYPE.get(type);
  if (!forceNew || forceNew.length === 0) return undefined;
  const top = [...new Set(forceNew.map((f) => f.split(".")[0]))].sort().filter((p) => inputs[p] !== undefined);
  return top.length === 0 ? undefined : JSON.stringify(top.map((p) => [p, inputs[p]]));
}
