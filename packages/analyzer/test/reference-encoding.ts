import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerResource } from "../src/types";

/*
 * The reference encoding of Analyzer requests, built with google-protobuf the way the engine
 * does. The client writes requests with its own codec (src/codec.ts) for speed; these builders
 * exist so tests can check that codec byte for byte.
 */

/**
 * Converts between our plain shapes and the Analyzer protocol messages the way the engine does
 * (pkg/resource/plugin/analyzer_plugin.go): properties already in wire encoding go into a
 * google.protobuf.Struct unchanged (secrets keep their signature object, unknowns stay the
 * sentinel string); undefined members are dropped because Struct has no undefined.
 */
export function toStruct(properties: Readonly<Record<string, unknown>>): structproto.Struct {
  return structproto.Struct.fromJavaScript(withoutUndefined(properties) as Record<string, structproto.JavaScriptValue>);
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : withoutUndefined(v)));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out;
  }
  return value;
}

function toOptions(r: AnalyzerResource): analyzerproto.AnalyzerResourceOptions {
  const o = new analyzerproto.AnalyzerResourceOptions();
  const opts = r.options ?? {};
  o.setProtect(opts.protect ?? false);
  o.setIgnorechangesList([...(opts.ignoreChanges ?? [])]);
  o.setAdditionalsecretoutputsList([...(opts.additionalSecretOutputs ?? [])]);
  o.setAliasesList([...(opts.aliases ?? [])]);
  if (opts.deleteBeforeReplace !== undefined) {
    o.setDeletebeforereplace(opts.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(true);
  }
  const parent = opts.parent ?? r.parent;
  if (parent) o.setParent(parent);
  o.setCustomtimeouts(new analyzerproto.AnalyzerResourceOptions.CustomTimeouts());
  return o;
}

function toProvider(r: AnalyzerResource): analyzerproto.AnalyzerProviderResource | undefined {
  if (!r.provider) return undefined;
  const p = new analyzerproto.AnalyzerProviderResource();
  p.setUrn(r.provider.urn);
  p.setType(r.provider.type);
  p.setName(r.provider.name);
  p.setProperties(toStruct(r.provider.properties));
  return p;
}

export function toAnalyzeRequest(r: AnalyzerResource): analyzerproto.AnalyzeRequest {
  const req = new analyzerproto.AnalyzeRequest();
  req.setUrn(r.urn);
  req.setType(r.type);
  req.setName(r.name);
  req.setProperties(toStruct(r.properties));
  req.setOptions(toOptions(r));
  const provider = toProvider(r);
  if (provider) req.setProvider(provider);
  return req;
}

export function toAnalyzerResource(r: AnalyzerResource): analyzerproto.AnalyzerResource {
  const res = new analyzerproto.AnalyzerResource();
  res.setUrn(r.urn);
  res.setType(r.type);
  res.setName(r.name);
  res.setProperties(toStruct(r.properties));
  res.setOptions(toOptions(r));
  const provider = toProvider(r);
  if (provider) res.setProvider(provider);
  if (r.parent) res.setParent(r.parent);
  res.setDependenciesList([...(r.dependencies ?? [])]);
  const deps = res.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
    const d = new analyzerproto.AnalyzerPropertyDependencies();
    d.setUrnsList([...urns]);
    deps.set(key, d);
  }
  return res;
}

