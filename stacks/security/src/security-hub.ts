import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cisStandardArn, fsbpStandardArn, type CisVersion, type FsbpVersion } from "./standards";
import type { AccountScope } from "@platform/components";

export interface SecurityHubArgs {
  readonly scope: AccountScope;
  readonly fsbpVersion: FsbpVersion;
  /** undefined leaves CIS unsubscribed. */
  readonly cisVersion?: CisVersion;
  /** Config recording the controls evaluate, when this stack manages it. */
  readonly configRecording?: pulumi.Resource;
}

/**
 * Security Hub with consolidated control findings and exactly the standards configured: the
 * defaults AWS would pick are off so a version change is a visible diff.
 */
export class SecurityHub extends pulumi.ComponentResource {
  readonly account: aws.securityhub.Account;
  readonly standardsArns: string[];

  constructor(name: string, args: SecurityHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:SecurityHub", name, {}, opts);
    const { partition, region } = args.scope;
    this.account = new aws.securityhub.Account(
      name,
      { enableDefaultStandards: false, controlFindingGenerator: "SECURITY_CONTROL", autoEnableControls: true },
      { parent: this, dependsOn: args.configRecording === undefined ? [] : [args.configRecording] },
    );
    const standards: [string, string][] = [["fsbp", fsbpStandardArn(partition, region, args.fsbpVersion)]];
    if (args.cisVersion !== undefined) standards.push(["cis", cisStandardArn(partition, region, args.cisVersion)]);
    for (const [logical, standardsArn] of standards) {
      new aws.securityhub.StandardsSubscription(logical, { standardsArn }, { parent: this, dependsOn: [this.account] });
    }
    this.standardsArns = standards.map(([, arn]) => arn);
    this.registerOutputs({});
  }
}
