import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerInfo, AnalyzerResource, Diagnostic, EnforcementLevel, PolicyInfo, Severity } from "./types";

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

const LEVELS: Record<number, EnforcementLevel> = {
  [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
  [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
};
const SEVERITIES: Record<number, Severity | undefined> = {
  [analyzerproto.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: undefined,
  [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export function toProtoLevel(level: EnforcementLevel): analyzerproto.EnforcementLevel {
  const entry = Object.entries(LEVELS).find(([, name]) => name === level);
  if (!entry) throw new Error(`unknown enforcement level "${level}": use advisory, mandatory, remediate or disabled`);
  return Number(entry[0]) as analyzerproto.EnforcementLevel;
}

export function fromDiagnostics(resp: analyzerproto.AnalyzeResponse): Diagnostic[] {
  return resp.getDiagnosticsList().map((d) => {
    const severity = SEVERITIES[d.getSeverity()];
    return {
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      policyPackVersion: d.getPolicypackversion(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
      ...(d.getUrn() ? { urn: d.getUrn() } : {}),
      ...(severity ? { severity } : {}),
    };
  });
}

export function fromAnalyzerInfo(info: analyzerproto.AnalyzerInfo): AnalyzerInfo {
  const policies: PolicyInfo[] = info.getPoliciesList().map((p) => {
    const framework = p.getFramework();
    const schema = p.getConfigschema();
    const severity = SEVERITIES[p.getSeverity()];
    return {
      name: p.getName(),
      description: p.getDescription(),
      enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
      kind: p.getPolicyType() === analyzerproto.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
      ...(severity ? { severity } : {}),
      ...(framework
        ? { framework: { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() } }
        : {}),
      ...(p.getRemediationSteps() ? { remediationSteps: p.getRemediationSteps() } : {}),
      ...(schema
        ? { configSchema: { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() } }
        : {}),
    };
  });
  return { name: info.getName(), version: info.getVersion(), supportsConfig: info.getSupportsconfig(), policies };
}

/** Promise wrapper for a unary call on a generated grpc-js client. */
export function unary<Req, Res>(
  call: (req: Req, metadata: grpc.Metadata, options: Partial<grpc.CallOptions>, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    call(req, new grpc.Metadata(), {}, (err, res) => (err ? reject(err) : resolve(res)));
  });
}
