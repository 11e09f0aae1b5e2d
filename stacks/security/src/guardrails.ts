import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { regionGuardrail, renderScp, securityBaseline } from "./scp-documents";

export interface GuardrailsArgs {
  readonly targetIds: readonly string[];
  readonly allowedRegions: readonly string[];
  readonly extraGlobalActions: readonly string[];
  readonly exemptPrincipalArns: readonly string[];
  /** Partition of the management account; the baseline exempts this partition's CI roles. */
  readonly partition: string;
}

/**
 * Service control policies, created in the organization's management account and attached to
 * the configured roots, OUs or accounts. Documents are rendered (and size-checked) before any
 * resource is registered, so an oversized policy stops the run with nothing created.
 */
export class Guardrails extends pulumi.ComponentResource {
  readonly policyIds: pulumi.Output<string>[];

  constructor(name: string, args: GuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    const regionContent = renderScp(
      "region-guardrail",
      regionGuardrail(args),
      "platform-security:organization.allowedRegions, extraGlobalActions or exemptPrincipalArns",
    );
    const baselineContent = renderScp("security-baseline", securityBaseline(args), "platform-security:organization.exemptPrincipalArns");
    super("platform:security:Guardrails", name, {}, opts);

    const policies = [
      { logical: "region-guardrail", content: regionContent, description: "Deny actions outside the platform's allowed regions (global services excepted)" },
      {
        logical: "security-baseline",
        content: baselineContent,
        description: "Keep Security Hub, GuardDuty, CloudTrail, Config and the S3 account public access block on; stay in the organization",
      },
    ];
    this.policyIds = policies.map(({ logical, content, description }) => {
      const policy = new aws.organizations.Policy(logical, { type: "SERVICE_CONTROL_POLICY", content, description }, { parent: this });
      for (const targetId of args.targetIds) {
        new aws.organizations.PolicyAttachment(`${logical}-${targetId}`, { policyId: policy.id, targetId }, { parent: this });
      }
      return policy.id;
    });
    this.registerOutputs({});
  }
}
