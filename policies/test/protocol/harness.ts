import * as path from "node:path";
import { encode, type AnalyzerResource, type Diagnostic, type PolicyPackClient } from "@platform/analyzer";
import type { FixtureResource } from "../fixtures";

export const PACK_DIR = path.resolve(__dirname, "..", "..");

/** A fixture resource as the engine sends it: properties in wire encoding, dependencies as URNs. */
export function toAnalyzerResource(r: FixtureResource, wrap: (value: unknown) => unknown = (v) => v): AnalyzerResource {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r.props)) properties[key] = wrap(value);
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    properties,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ...(r.provider ? { provider: r.provider } : {}),
  };
}

/** Every top-level property marked secret, the way the engine sends config secrets and secret outputs. */
export const asSecret = (value: unknown): unknown => encode.secret(value);

/** What a preview asks the pack: `analyze` for each resource, then `analyzeStack` for all of them. */
export async function preview(pack: PolicyPackClient, resources: readonly AnalyzerResource[]): Promise<Diagnostic[]> {
  const each = await Promise.all(resources.map((r) => pack.analyze(r).then((ds) => ds.map((d) => ({ ...d, urn: d.urn ?? r.urn })))));
  return [...each.flat(), ...(await pack.analyzeStack(resources))];
}
