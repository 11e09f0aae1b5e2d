import * as grpc from "@grpc/grpc-js";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerInfo, Diagnostic, EnforcementLevel, PolicyInfo, Severity } from "./types";

// Decoding of the Analyzer protocol's responses, and the gRPC call helper. Requests are written
// by codec.ts; test/reference-encoding.ts holds google-protobuf's encoding it is checked against.

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
