import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WORKLOAD_ROLE_PATH } from "@platform/components";
import { rumGuestTrustPolicy, rumPutEventsPolicy } from "./rum-documents";

export interface RumArgs {
  /** The domain the web client runs on. */
  readonly domain: pulumi.Input<string>;
  /** May be a secret (platform-edge:rumSessionSampleRate is a configSecret key). */
  readonly sessionSampleRate: pulumi.Input<number>;
  readonly telemetries: readonly string[];
  readonly excludedPages: readonly string[];
  readonly namePrefix: string;
  /** Permissions boundary of the guest role, when the deploy role requires one. */
  readonly permissionsBoundaryArn?: string;
}

/**
 * A CloudWatch RUM app monitor sized for cost: a fraction of sessions, a subset of telemetries,
 * no cookies (no cross-page session tracking, no consent banner needed for it), no X-Ray, no
 * copy into CloudWatch Logs. Browsers authenticate through an unauthenticated Cognito identity
 * whose role can only send events to this monitor.
 *
 * One Cognito flow, the enhanced one: the pool refuses the basic (classic) flow, and neither the
 * app monitor nor the stack's outputs name the guest role. aws-rum-web picks the flow from its
 * config: identityPoolId with guestRoleArn uses the basic flow (GetOpenIdToken, then
 * AssumeRoleWithWebIdentity), identityPoolId alone the enhanced flow (GetCredentialsForIdentity,
 * with the pool's unauthenticated role) (aws-observability/aws-rum-web
 * src/orchestration/Orchestration.ts, initDispatch). A snippet given the role ARN would fail.
 */
export class ClientMonitoring extends pulumi.ComponentResource {
  readonly appMonitorId: pulumi.Output<string>;
  readonly identityPoolId: pulumi.Output<string>;

  constructor(name: string, args: RumArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:ClientMonitoring", name, {}, opts);
    const parent = { parent: this };
    const pool = new aws.cognito.IdentityPool(
      "rum",
      { identityPoolName: `${args.namePrefix}-rum`.replace(/-/g, "_"), allowUnauthenticatedIdentities: true, allowClassicFlow: false },
      parent,
    );
    const role = new aws.iam.Role(
      "rum-guest",
      { path: WORKLOAD_ROLE_PATH, assumeRolePolicy: pool.id.apply((id) => JSON.stringify(rumGuestTrustPolicy(id))), permissionsBoundary: args.permissionsBoundaryArn },
      parent,
    );
    new aws.cognito.IdentityPoolRoleAttachment("rum", { identityPoolId: pool.id, roles: { unauthenticated: role.arn } }, parent);
    const monitor = new aws.rum.AppMonitor(
      "app",
      {
        name: `${args.namePrefix}-web`,
        domainLists: [args.domain],
        cwLogEnabled: false,
        appMonitorConfiguration: {
          identityPoolId: pool.id,
          sessionSampleRate: args.sessionSampleRate,
          telemetries: [...args.telemetries],
          excludedPages: [...args.excludedPages],
          allowCookies: false,
          enableXray: false,
        },
      },
      parent,
    );
    new aws.iam.RolePolicy("rum-put-events", { role: role.id, policy: monitor.arn.apply((arn) => JSON.stringify(rumPutEventsPolicy(arn))) }, parent);
    this.appMonitorId = monitor.appMonitorId;
    this.identityPoolId = pool.id;
    this.registerOutputs({});
  }
}
