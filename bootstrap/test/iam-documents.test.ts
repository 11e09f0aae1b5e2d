import fc from "fast-check";
import type { PolicyStatement } from "@platform/components";
import { CI_ROLE_PATH, deployPermissionsPolicy, ORGANIZATION_POLICY_ACTIONS, STACK_PERMISSIONS, type DeployedStack } from "../src/deploy-permissions";
import { deployTrustPolicy, previewTrustPolicy } from "../src/github-trust";
import { previewDataGuard, stateAccessPolicy } from "../src/state-permissions";
import { PLATFORM_CI_ROLE_PATH } from "../../stacks/security/src/scp-documents";
import { isAllowed } from "./iam-data/simulate";

const oidc = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const scope = { accountId: "111122223333", region: "eu-central-1", partition: "aws" };
const stacks = Object.keys(STACK_PERMISSIONS) as DeployedStack[];
const list = (v: string | readonly string[] | undefined) => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);
const allows = (statements: readonly PolicyStatement[]) => statements.filter((s) => s.Effect === "Allow");

describe("GitHub OIDC trust policies", () => {
  it("trust the preview role only for pull requests of the repository and the drift check on its deploy branch, with the STS audience", async () => {
    expect(previewTrustPolicy(oidc, "acme/platform", "main").Statement).toEqual([
      {
        Sid: "GitHubActions",
        Effect: "Allow",
        Principal: { Federated: oidc },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": ["repo:acme/platform:pull_request", "repo:acme/platform:ref:refs/heads/main"] } },
      },
    ]);
  });

  it("trust a deploy role only for the repository's GitHub environment on the deploy branch", async () => {
    const [statement] = deployTrustPolicy(oidc, "acme/platform", { environment: "prod", branch: "main", checkRefClaim: true }).Statement;
    expect(statement.Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:acme/platform:environment:prod",
        "token.actions.githubusercontent.com:ref": "refs/heads/main",
      },
    });
  });

  it("drop only the ref claim when it is turned off, keeping the environment subject", async () => {
    const [statement] = deployTrustPolicy(oidc, "acme/platform", { environment: "dev", branch: "main", checkRefClaim: false }).Statement;
    expect(statement.Condition?.StringEquals).toEqual({ "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/platform:environment:dev" });
  });

  it("never use wildcard matching on the subject, for any repository and environment", async () => {
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(name, name, name, (owner, repo, env) => {
        for (const doc of [previewTrustPolicy(oidc, `${owner}/${repo}`, "main"), deployTrustPolicy(oidc, `${owner}/${repo}`, { environment: env, branch: "main", checkRefClaim: true })]) {
          const [s] = doc.Statement;
          expect(Object.keys(s.Condition ?? {})).toEqual(["StringEquals"]);
          expect(String(s.Condition?.StringEquals["token.actions.githubusercontent.com:sub"])).toMatch(new RegExp(`^repo:${owner}/${repo}:`));
        }
      }),
    );
  });
});

describe("deploy role permissions", () => {
  const options = { organizationGuardrails: false };

  it.each(stacks)("grant the %s stack no iam:* and nothing on everything", async (stack) => {
    const statements = allows(deployPermissionsPolicy(stack, scope, { organizationGuardrails: true, permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/b" }).Statement);
    for (const s of statements) {
      expect(list(s.Action)).not.toContain("*");
      expect(list(s.Action)).not.toContain("iam:*");
      expect(list(s.Action).filter((a) => a.startsWith("iam:") && a.includes("*"))).toEqual([]);
    }
  });

  it.each(stacks)("forbid the %s stack's role from changing any CI role, its own included", async (stack) => {
    const protect = deployPermissionsPolicy(stack, scope, options).Statement.find((s) => s.Sid === "ProtectCiRoles");
    expect(protect?.Effect).toBe("Deny");
    expect(protect?.Resource).toBe(`arn:aws:iam::111122223333:role${CI_ROLE_PATH}*`);
    expect(list(protect?.Action)).toEqual(expect.arrayContaining(["iam:Put*", "iam:Attach*", "iam:Update*", "iam:PassRole"]));
  });

  it.each(stacks)("keeps the %s stack's policy within IAM's inline policy size", async (stack) => {
    const size = JSON.stringify(deployPermissionsPolicy(stack, scope, { organizationGuardrails: true, permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/b" })).length;
    expect(size).toBeLessThan(10240 - 1000);
  });

  it("scopes each stack to the services it manages", async () => {
    const actions = (stack: DeployedStack) => allows(deployPermissionsPolicy(stack, scope, options).Statement).flatMap((s) => list(s.Action));
    expect(actions("security")).toEqual(expect.arrayContaining(["kms:CreateKey", "kms:PutKeyPolicy", "securityhub:*", "guardduty:*", "config:*", "cloudtrail:*"]));
    // Security Hub KMS.2: no deploy role may decrypt with every key.
    for (const stack of stacks) expect(allows(deployPermissionsPolicy(stack, scope, options).Statement).filter((s) => s.Resource === "*" && list(s.Action).some((a) => /^kms:(\*|Decrypt|ReEncrypt)/.test(a)))).toEqual([]);
    expect(actions("network")).not.toContain("ecs:*");
    expect(actions("app")).toEqual(expect.arrayContaining(["ecs:*", "elasticloadbalancing:*", "rds:*"]));
    expect(actions("app")).not.toContain("cloudfront:*");
    expect(actions("edge")).toEqual(expect.arrayContaining(["cloudfront:*", "wafv2:*"]));
    expect(actions("edge")).not.toContain("rds:*");
    for (const stack of stacks) expect(actions(stack).filter((a) => /^s3:(GetObject|PutObject|\*)/.test(a))).toEqual([]);
  });

  it("adds SCP management to the security role only when organization guardrails are on", async () => {
    const statements = (on: boolean) => allows(deployPermissionsPolicy("security", scope, { organizationGuardrails: on }).Statement).flatMap((s) => list(s.Action));
    expect(statements(true)).toEqual(expect.arrayContaining(ORGANIZATION_POLICY_ACTIONS));
    expect(statements(false)).not.toContain("organizations:CreatePolicy");
    expect(allows(deployPermissionsPolicy("app", scope, { organizationGuardrails: true }).Statement).flatMap((s) => list(s.Action))).not.toContain("organizations:CreatePolicy");
  });

  it("passes workload roles only to the services of the stack", async () => {
    const pass = deployPermissionsPolicy("app", scope, options).Statement.find((s) => s.Sid === "PassWorkloadRoles");
    expect(pass?.Condition).toEqual({ StringEquals: { "iam:PassedToService": ["ecs-tasks.amazonaws.com", "scheduler.amazonaws.com", "monitoring.rds.amazonaws.com"] } });
    expect(deployPermissionsPolicy("security", scope, options).Statement.find((s) => s.Sid === "PassWorkloadRoles")).toBeUndefined();
  });

  it("requires the permissions boundary on roles the stacks create, when one is configured", async () => {
    const manage = deployPermissionsPolicy("app", scope, { organizationGuardrails: false, permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/b" }).Statement.find((s) => s.Sid === "ManageWorkloadRoles");
    expect(manage?.Condition).toEqual({ StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/b" } });
    expect(list(manage?.Action)).toContain("iam:CreateRole");
  });
});

describe("permissions boundary on workload roles", () => {
  const boundary = "arn:aws:iam::111122223333:policy/b";
  const policy = deployPermissionsPolicy("network", scope, { organizationGuardrails: false, permissionsBoundaryArn: boundary });
  const workload = "arn:aws:iam::111122223333:role/platform-workload/flow-logs-role-1";
  const withBoundary = { "iam:PermissionsBoundary": boundary };

  it("allows creating and changing the policies of a role only when the request carries the boundary", async () => {
    for (const action of ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary"]) {
      expect(await isAllowed(policy, { action, resource: workload, context: withBoundary })).toBe(true);
      expect(await isAllowed(policy, { action, resource: workload })).toBe(false);
      expect(await isAllowed(policy, { action, resource: workload, context: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/other" } })).toBe(false);
    }
  });

  it("allows the actions whose requests never carry the boundary key (tagging at create, updates, reads, delete) without it", async () => {
    for (const action of ["iam:TagRole", "iam:UntagRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:ListRoleTags", "iam:GetRole", "iam:DeleteRole"]) {
      expect(await isAllowed(policy, { action, resource: workload })).toBe(true);
    }
  });

  it("never lets a deploy role remove a boundary, nor touch the CI roles", async () => {
    expect(await isAllowed(policy, { action: "iam:DeleteRolePermissionsBoundary", resource: workload, context: withBoundary })).toBe(false);
    expect(await isAllowed(policy, { action: "iam:TagRole", resource: `arn:aws:iam::111122223333:role${CI_ROLE_PATH}deploy-app` })).toBe(false);
  });

  it("uses the CI role path the security baseline SCP exempts", async () => {
    expect(CI_ROLE_PATH).toBe(PLATFORM_CI_ROLE_PATH);
  });
});

describe("permissions the reviewed stacks were missing", () => {
  const options = { organizationGuardrails: false };
  const allowed = (stack: DeployedStack, action: string, resource = "*", context?: Record<string, string>) =>
    isAllowed(deployPermissionsPolicy(stack, scope, options), { action, resource, context });
  const east = "arn:aws:kms:us-east-1:111122223333:key/k";
  const home = "arn:aws:kms:eu-central-1:111122223333:key/k";

  it("lets the edge role manage its dashboard and alarms and administer its access-log key in us-east-1", async () => {
    for (const action of ["cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards", "cloudwatch:ListDashboards", "cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource"]) {
      expect(await allowed("edge", action)).toBe(true);
    }
    expect(await allowed("edge", "kms:CreateKey")).toBe(true);
    for (const action of ["kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:GetKeyRotationStatus", "kms:ScheduleKeyDeletion", "kms:ListResourceTags", "kms:GenerateDataKey", "kms:Decrypt"]) {
      expect(await allowed("edge", action, east)).toBe(true);
    }
    expect(await allowed("edge", "kms:PutKeyPolicy", home)).toBe(false);
  });

  it("lets the network role create and administer its own flow-log key in its region only, and associate endpoint DNS", async () => {
    expect(await allowed("network", "kms:CreateKey")).toBe(true);
    for (const action of ["kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:TagResource", "kms:ScheduleKeyDeletion"]) expect(await allowed("network", action, home)).toBe(true);
    expect(await allowed("network", "kms:PutKeyPolicy", east)).toBe(false);
    expect(await allowed("network", "route53:AssociateVPCWithHostedZone")).toBe(true);
    expect(await allowed("network", "route53:DisassociateVPCFromHostedZone")).toBe(true);
  });

  it("lets the app role read prefix-list entries and manage only target-tracking alarms", async () => {
    expect(await allowed("app", "ec2:GetManagedPrefixListEntries")).toBe(true);
    const alarm = (name: string) => `arn:aws:cloudwatch:eu-central-1:111122223333:alarm:${name}`;
    expect(await allowed("app", "cloudwatch:PutMetricAlarm", alarm("TargetTracking-service/c/s-AlarmHigh-1"))).toBe(true);
    expect(await allowed("app", "cloudwatch:DeleteAlarms", alarm("TargetTracking-service/c/s-AlarmLow-1"))).toBe(true);
    expect(await allowed("app", "cloudwatch:PutMetricAlarm", alarm("security-alerts"))).toBe(false);
  });

  it("lets the security role tag, pass to Config only, and delete the Config service-linked role", async () => {
    const slr = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
    for (const action of ["iam:TagRole", "iam:DeleteServiceLinkedRole", "iam:GetServiceLinkedRoleDeletionStatus"]) expect(await allowed("security", action, slr)).toBe(true);
    expect(await allowed("security", "iam:PassRole", slr, { "iam:PassedToService": "config.amazonaws.com" })).toBe(true);
    expect(await allowed("security", "iam:PassRole", slr, { "iam:PassedToService": "ec2.amazonaws.com" })).toBe(false);
    expect(await allowed("security", "iam:TagRole", "arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty")).toBe(false);
  });

  it("lets the edge role create the CloudWatch RUM service-linked role", async () => {
    const rum = "arn:aws:iam::111122223333:role/aws-service-role/rum.amazonaws.com/AWSServiceRoleForCloudWatchRUM";
    expect(await allowed("edge", "iam:CreateServiceLinkedRole", rum, { "iam:AWSServiceName": "rum.amazonaws.com" })).toBe(true);
  });
});

describe("state access", () => {
  const resources = { bucketArn: "arn:aws:s3:::state-1", keyArn: "arn:aws:kms:eu-central-1:111122223333:key/k" };

  it("lets a preview read state and write only lock files", async () => {
    const statements = stateAccessPolicy(resources, "preview")?.Statement ?? [];
    const writes = statements.filter((s) => list(s.Action).includes("s3:PutObject"));
    expect(writes.map((s) => s.Resource)).toEqual(["arn:aws:s3:::state-1/.pulumi/locks/*"]);
    expect(list(statements.find((s) => s.Sid === "UseStateKey")?.Action)).not.toContain("kms:Encrypt");
  });

  it("lets a deploy read and write state and encrypt secrets", async () => {
    const statements = stateAccessPolicy(resources, "deploy")?.Statement ?? [];
    expect(statements.find((s) => s.Sid === "ReadWriteState")?.Resource).toBe("arn:aws:s3:::state-1/*");
    expect(list(statements.find((s) => s.Sid === "UseStateKey")?.Action)).toContain("kms:Encrypt");
  });

  it("grants nothing when the bootstrap manages neither bucket nor key", async () => {
    expect(stateAccessPolicy({}, "deploy")).toBeUndefined();
  });

  it("denies the preview role object reads everywhere but the state bucket", async () => {
    const [objects, data] = previewDataGuard("arn:aws:s3:::state-1").Statement;
    expect(objects).toMatchObject({ Effect: "Deny", NotResource: ["arn:aws:s3:::state-1/*"] });
    expect(list(data.Action)).toEqual(expect.arrayContaining(["secretsmanager:GetSecretValue", "sqs:ReceiveMessage", "dynamodb:Scan"]));
    expect(previewDataGuard(undefined).Statement[0].Resource).toBe("*");
  });
});
