import { plain, runStacks, type RecordedResource, type StackRun } from "@platform/offline";
import { buildStackView } from "@platform/policies/src/lib/relations";
import { checkTaskEgress } from "@platform/policies/src/task-egress";
import * as path from "node:path";
import { all, containers, one, outputs, props, state, statements, TYPES } from "./helpers";
import { contentTag, readBuildContext } from "../src/image-tag";
import { WORKLOAD_ROLE_PATH, type PolicyDocument } from "@platform/components";
import { isAllowed } from "../../../bootstrap/test/iam-data/simulate";

/** The dev environment as configured in stacks/app/Pulumi.dev.yaml (HTTP listener, no database, built image). */
let app: StackRun;
let network: { appSubnetIds: string[]; endpointSecurityGroupId: string; vpcCidr: string };
let keys: { logsKeyArn: string; dataKeyArn: string; personalDataKeyArn: string };
let exported: Record<string, unknown>;
let allRuns: StackRun[];

beforeAll(async () => {
  const runs = await runStacks({ env: "dev", stacks: ["app"] });
  app = runs.app as StackRun;
  network = outputs(runs.network);
  keys = outputs(runs.security);
  exported = outputs(app);
  allRuns = Object.values(runs).filter((r): r is StackRun => r !== undefined);
}, 120_000);

const securityGroupIds = () => ({ alb: oneId("alb"), service: oneId("service") });
function oneId(name: string): string {
  const found = app.resources.find((r) => r.type === TYPES.sg && r.name === name);
  if (found?.id === undefined) throw new Error(`no security group ${name}`);
  return found.id;
}

describe("internal load balancer (dev)", () => {
  it("is internal, in the app subnets, drops invalid headers, uses strictest desync mitigation and appends X-Forwarded-For", () => {
    const lb = one<Record<string, unknown>>(app, TYPES.lb);
    expect(lb).toMatchObject({ internal: true, loadBalancerType: "application", dropInvalidHeaderFields: true, desyncMitigationMode: "strictest", xffHeaderProcessingMode: "append" });
    expect(lb.subnets).toEqual(network.appSubnetIds);
  });

  it("has no deletion protection in dev", () => {
    expect(one(app, TYPES.lb).enableDeletionProtection).toBe(false);
  });

  it("writes access logs to the access-log bucket, whose policy lets ELB write under the prefix and denies plain HTTP", () => {
    const lb = one<{ accessLogs: { bucket: string; enabled: boolean; prefix: string } }>(app, TYPES.lb);
    expect(lb.accessLogs).toEqual({ bucket: exported.accessLogBucketName, enabled: true, prefix: "alb" });
    const policy = statements(one(app, TYPES.bucketPolicy, "alb-access-logs").policy);
    // ap-northeast-1 predates August 2022: logs arrive as the regional ELB account.
    expect(policy.find((s) => s.Sid === "AllowElbAccessLogDelivery")).toMatchObject({
      Principal: { AWS: "arn:aws:iam::582318560864:root" },
      Action: "s3:PutObject",
      Resource: `arn:aws:s3:::${exported.accessLogBucketName}/alb/AWSLogs/123456789012/*`,
    });
    expect(policy.find((s) => s.Sid === "DenyInsecureTransport")?.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
  });

  it("answers 403 by default on an HTTP listener when no certificate is configured", () => {
    const listener = one<Record<string, unknown>>(app, TYPES.listener);
    expect(listener).toMatchObject({ protocol: "HTTP", port: 80 });
    expect(listener.certificateArn).toBeUndefined();
    expect(listener.defaultActions).toEqual([{ type: "fixed-response", fixedResponse: { statusCode: "403", contentType: "text/plain", messageBody: "Forbidden" } }]);
    expect(exported).toMatchObject({ listenerProtocol: "HTTP", listenerPort: 80 });
  });

  it("forwards only requests carrying the exported origin-verify secret in the exported header", () => {
    const rule = one<{ conditions: { httpHeader: { httpHeaderName: string; values: string[] } }[]; actions: { type: string; targetGroupArn: string }[] }>(app, TYPES.listenerRule);
    expect(rule.conditions).toEqual([{ httpHeader: { httpHeaderName: exported.originVerifyHeaderName, values: [exported.originVerifySecret] } }]);
    expect(rule.actions).toEqual([{ type: "forward", targetGroupArn: state<{ arn: string }>(app, TYPES.targetGroup).arn }]);
  });

  it("exports the origin-verify secret as a secret and generates it without wildcard characters", () => {
    expect(JSON.stringify(app.outputs.originVerifySecret)).toContain("1b47061264138c4ac30d75fd1eb44270");
    expect(one(app, "random:index/randomPassword:RandomPassword")).toMatchObject({ length: 48, special: false });
  });
});

describe("security groups (dev)", () => {
  it("admits nothing to the load balancer except the CloudFront origin-facing prefix list on the listener port", () => {
    const { alb } = securityGroupIds();
    const rules = all<Record<string, unknown>>(app, TYPES.ingress).filter((r) => r.securityGroupId === alb);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ipProtocol: "tcp", fromPort: 80, toPort: 80 });
    expect(rules[0].prefixListId).toMatch(/^pl-/);
    expect(rules[0].cidrIpv4 ?? rules[0].cidrIpv6 ?? rules[0].referencedSecurityGroupId).toBeUndefined();
  });

  it("admits nothing to the service except the load balancer on the container port", () => {
    const { alb, service } = securityGroupIds();
    const rules = all(app, TYPES.ingress).filter((r) => r.securityGroupId === service);
    expect(rules).toEqual([expect.objectContaining({ referencedSecurityGroupId: alb, fromPort: 8080, toPort: 8080 })]);
  });

  it("lets the load balancer send only to the service, and the service only to endpoints, S3 and its VPC on 443", () => {
    const { alb, service } = securityGroupIds();
    const egress = all(app, TYPES.egress);
    expect(egress.filter((r) => r.securityGroupId === alb)).toEqual([expect.objectContaining({ referencedSecurityGroupId: service, fromPort: 8080 })]);
    const fromService = egress.filter((r) => r.securityGroupId === service);
    expect(fromService.map((r) => [r.ipProtocol, r.fromPort, r.toPort])).toEqual([["tcp", 443, 443], ["tcp", 443, 443], ["tcp", 443, 443]]);
    expect(fromService.map((r) => r.referencedSecurityGroupId ?? r.cidrIpv4 ?? "prefix-list").sort()).toEqual([network.endpointSecurityGroupId, network.vpcCidr, "prefix-list"].sort());
  });

  // GuardDuty creates the agent's guardduty-data endpoint with its own security group, which admits
  // the VPC CIDR ("How Runtime Monitoring works with Fargate (Amazon ECS only)",
  // https://docs.aws.amazon.com/guardduty/latest/ug/how-runtime-monitoring-works-ecs-fargate.html);
  // without HTTPS egress to it the sidecar cannot report and coverage stays Unhealthy.
  it("lets the task's GuardDuty agent reach GuardDuty's own endpoint: HTTPS to the VPC CIDR", () => {
    const rule = one<Record<string, unknown>>(app, TYPES.egress, "service-to-guardduty-endpoint");
    expect(rule).toMatchObject({ securityGroupId: securityGroupIds().service, cidrIpv4: network.vpcCidr, ipProtocol: "tcp", fromPort: 443, toPort: 443 });
  });

  it("passes the pack's ecs-task-egress-scoped rule, which refuses the same group with a general CIDR egress added", () => {
    const view = (extra: RecordedResource[] = []) =>
      buildStackView([...app.resources, ...extra].map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: plain<Record<string, unknown>>(r.inputs), dependencies: r.dependencies, propertyDependencies: r.propertyDependencies })));
    expect(checkTaskEgress(view())).toEqual([]);
    const rule = app.resources.find((r) => r.type === TYPES.egress && r.name === "service-to-guardduty-endpoint") as RecordedResource;
    const open: RecordedResource = { ...rule, urn: `${rule.urn}-open`, name: "open", inputs: { ...rule.inputs, cidrIpv4: "0.0.0.0/0" } };
    expect(checkTaskEgress(view([open])).map((f) => f.urn)).toEqual([open.urn]);
  });

  it("opens no other rule to any CIDR block", () => {
    for (const rule of [...all(app, TYPES.ingress), ...all(app, TYPES.egress)]) {
      if (rule.cidrIpv4 === network.vpcCidr && rule.fromPort === 443 && rule.toPort === 443 && rule.securityGroupId === securityGroupIds().service) continue;
      expect(rule.cidrIpv4 ?? rule.cidrIpv6).toBeUndefined();
    }
  });
});

describe("Fargate service (dev)", () => {
  it("runs in the app subnets without a public IP, with a circuit breaker that rolls back", () => {
    const service = one<Record<string, unknown>>(app, TYPES.service);
    expect(service).toMatchObject({ launchType: "FARGATE", desiredCount: 1, deploymentCircuitBreaker: { enable: true, rollback: true } });
    expect(service.networkConfiguration).toEqual({ subnets: network.appSubnetIds, securityGroups: [securityGroupIds().service], assignPublicIp: false });
  });

  it("runs a hardened container: read-only root, non-root user, unprivileged, all capabilities dropped", () => {
    const [container] = containers(one(app, TYPES.taskDefinition, "service"));
    expect(container).toMatchObject({ readonlyRootFilesystem: true, user: "1000:1000", privileged: false });
    expect(container.linuxParameters.capabilities.drop).toEqual(["ALL"]);
  });

  it("sizes the task from config", () => {
    expect(one(app, TYPES.taskDefinition, "service")).toMatchObject({ cpu: "256", memory: "512", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc" });
  });

  it("ships logs with awslogs to the service log group", () => {
    const [container] = containers(one(app, TYPES.taskDefinition, "service"));
    expect(container.logConfiguration.logDriver).toBe("awslogs");
    expect(container.logConfiguration.options["awslogs-group"]).toBe(state<{ name: string }>(app, TYPES.logGroup, "service").name);
  });

  it("passes no secret-looking value as plain environment", () => {
    const [container] = containers(one(app, TYPES.taskDefinition, "service"));
    for (const { name, value } of container.environment) {
      expect(name).not.toMatch(/SECRET|PASSWORD|TOKEN|CREDENTIALS/);
      expect(value).not.toMatch(/^arn:aws:secretsmanager:/);
    }
  });

  it("scales by CPU target tracking between the configured bounds", () => {
    expect(one(app, TYPES.scalingTarget)).toMatchObject({ minCapacity: 1, maxCapacity: 2, scalableDimension: "ecs:service:DesiredCount" });
    expect(one(app, TYPES.scalingPolicy)).toMatchObject({
      policyType: "TargetTrackingScaling",
      targetTrackingScalingPolicyConfiguration: { targetValue: 60, predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" } },
    });
  });

  it("turns Container Insights on and gives its log group our key and retention", () => {
    const cluster = one<{ name: string; settings: unknown }>(app, TYPES.cluster);
    expect(cluster.settings).toEqual([{ name: "containerInsights", value: "enabled" }]);
    expect(all(app, TYPES.logGroup).map((g) => g.name)).toContain(`/aws/ecs/containerinsights/${cluster.name}/performance`);
  });

  it("builds the reference service image into the stack's repository when serviceBuildPath is set", () => {
    const image = one<{ context: string; platform: string }>(app, TYPES.image);
    expect(image.context).toMatch(/stacks\/app\/service$/);
    expect(image.platform).toBe("linux/amd64");
  });
});

describe("registry (dev)", () => {
  it("encrypts with the data key, scans on push and keeps tags immutable", () => {
    expect(one(app, TYPES.repository)).toMatchObject({
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: keys.dataKeyArn }],
    });
  });

  it("expires images beyond the configured count", () => {
    const policy = JSON.parse(String(one(app, TYPES.ecrLifecycle).policy)) as { rules: { selection: { countType: string; countNumber: number } }[] };
    expect(policy.rules.map((r) => r.selection.countType)).toEqual(["sinceImagePushed", "imageCountMoreThan"]);
    expect(policy.rules[1].selection.countNumber).toBe(30);
  });
});

describe("data lifecycle (dev)", () => {
  it("gives every log group the logs key and the configured retention", () => {
    const groups = all(app, TYPES.logGroup);
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) expect(group).toMatchObject({ kmsKeyId: keys.logsKeyArn, retentionInDays: 30 });
  });

  it("encrypts the export bucket with the personal-data key and expires exports after the configured days", () => {
    expect(one(app, TYPES.sse, "data-exports").rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keys.personalDataKeyArn }, bucketKeyEnabled: true }]);
    const rules = one<{ rules: Record<string, unknown>[] }>(app, TYPES.lifecycle, "data-exports").rules;
    expect(rules).toContainEqual(expect.objectContaining({ id: "expire-exports", expiration: { days: 3 } }));
    expect(rules).toContainEqual(expect.objectContaining({ abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }));
  });

  it("expires access logs after the logs retention and purges erased data versions after the configured days", () => {
    expect(one<{ rules: unknown[] }>(app, TYPES.lifecycle, "alb-access-logs").rules).toContainEqual(expect.objectContaining({ expiration: { days: 30 } }));
    expect(one<{ rules: unknown[] }>(app, TYPES.lifecycle, "data").rules).toContainEqual(expect.objectContaining({ noncurrentVersionExpiration: { noncurrentDays: 7 } }));
  });

  it("blocks public access, versions and denies plain HTTP on every bucket", () => {
    const buckets = app.resources.filter((r) => r.type === TYPES.bucket).map((r) => r.name);
    expect(buckets.sort()).toEqual(["alb-access-logs", "data", "data-exports"]);
    for (const name of buckets) {
      expect(one(app, TYPES.pab, name)).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(one(app, TYPES.versioning, name)).toMatchObject({ versioningConfiguration: { status: "Enabled" } });
      expect(statements(one(app, TYPES.bucketPolicy, name).policy).map((s) => s.Sid)).toContain("DenyInsecureTransport");
    }
  });

  it("lets the service read and write exports only under the export prefix", () => {
    const policy = statements(one(app, TYPES.rolePolicy, "service-task").policy);
    expect(policy.find((s) => s.Sid === "Exports")).toEqual({ Sid: "Exports", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${exported.exportBucketName}/exports/*` });
  });
});

describe("erasure job (dev)", () => {
  it("runs on the configured schedule as a one-off Fargate task in the app subnets without a public IP", () => {
    const schedule = one<{ scheduleExpression: string; target: { arn: string; ecsParameters: Record<string, unknown> } }>(app, TYPES.schedule);
    expect(schedule.scheduleExpression).toBe("cron(0 3 * * ? *)");
    expect(schedule.target.arn).toBe(state<{ arn: string }>(app, TYPES.cluster).arn);
    expect(schedule.target.ecsParameters).toMatchObject({
      launchType: "FARGATE",
      taskCount: 1,
      taskDefinitionArn: state<{ arn: string }>(app, TYPES.taskDefinition, "erasure").arn,
      networkConfiguration: { subnets: network.appSubnetIds, assignPublicIp: false },
    });
  });

  it("runs the configured command in the service image", () => {
    const [erasure] = containers(one(app, TYPES.taskDefinition, "erasure"));
    const [service] = containers(one(app, TYPES.taskDefinition, "service"));
    expect(erasure.command).toEqual(["node", "dist/erasure.js"]);
    expect(erasure.image).toBe(service.image);
    expect(erasure).toMatchObject({ readonlyRootFilesystem: true, user: "1000:1000", privileged: false });
  });

  it("lets the scheduler run exactly the erasure task on this cluster and pass exactly its roles", () => {
    const policy = statements(one(app, TYPES.rolePolicy, "erasure-scheduler").policy);
    const roleArn = (name: string) => state<{ arn: string }>(app, TYPES.role, name).arn;
    expect(policy).toEqual([
      expect.objectContaining({ Action: "ecs:RunTask", Resource: state<{ arn: string }>(app, TYPES.taskDefinition, "erasure").arn, Condition: { ArnEquals: { "ecs:cluster": state<{ arn: string }>(app, TYPES.cluster).arn } } }),
      expect.objectContaining({ Action: "iam:PassRole", Resource: [roleArn("erasure-task"), roleArn("erasure-execution")] }),
    ]);
  });

  it("lets the erasure task delete only under the personal-data and export prefixes, and the requests it has handled", () => {
    const policy = statements(one(app, TYPES.rolePolicy, "erasure-task").policy);
    const deletes = policy.filter((s) => ([] as string[]).concat(s.Action).includes("s3:DeleteObject"));
    expect(deletes.map((s) => s.Resource)).toEqual([
      `arn:aws:s3:::${exported.dataBucketName}/personal/*`,
      `arn:aws:s3:::${exported.exportBucketName}/exports/*`,
      `arn:aws:s3:::${exported.dataBucketName}/erasure-requests/*`,
    ]);
    expect(policy.some((s) => ([] as string[]).concat(s.Action).includes("secretsmanager:GetSecretValue"))).toBe(false);
  });
});

describe("IAM roles (dev)", () => {
  it("has no Resource in any trust policy of the security, network or app stack", () => {
    const roles = allRuns.flatMap((run) => run.resources.filter((r) => r.type === TYPES.role));
    expect(roles.length).toBeGreaterThan(4);
    for (const role of roles) {
      for (const statement of statements(props(role).assumeRolePolicy)) expect(statement).not.toHaveProperty("Resource");
    }
  });
});

describe("erasure task start-up (dev)", () => {
  it("has its own execution role, which may ship logs to the erasure log group and pull from the repository", () => {
    const erasure = one<{ executionRoleArn: string }>(app, TYPES.taskDefinition, "erasure");
    expect(erasure.executionRoleArn).toBe(state<{ arn: string }>(app, TYPES.role, "erasure-execution").arn);
    const [container] = containers(one(app, TYPES.taskDefinition, "erasure"));
    const logGroupArn = state<{ arn: string }>(app, TYPES.logGroup, "erasure").arn;
    expect(container.logConfiguration.options["awslogs-group"]).toBe(state<{ name: string }>(app, TYPES.logGroup, "erasure").name);
    const policy = statements(one(app, TYPES.rolePolicy, "erasure-execution").policy);
    expect(policy.find((s) => s.Sid === "ShipLogs")?.Resource).toBe(`${logGroupArn}:log-stream:*`);
    expect(policy.find((s) => s.Sid === "PullImage")?.Resource).toBe(state<{ arn: string }>(app, TYPES.repository).arn);
  });

  it("tells the erasure program where requests, personal data and exports are", () => {
    const [container] = containers(one(app, TYPES.taskDefinition, "erasure"));
    expect(Object.fromEntries(container.environment.map((e) => [e.name, e.value]))).toMatchObject({
      DATA_BUCKET: exported.dataBucketName,
      PERSONAL_DATA_PREFIX: "personal/",
      EXPORT_BUCKET: exported.exportBucketName,
      EXPORT_PREFIX: "exports/",
      ERASURE_REQUEST_PREFIX: "erasure-requests/",
      ERASURE_COMPLETED_PREFIX: "erasure-completed/",
    });
  });
});

describe("GuardDuty Runtime Monitoring sidecar (dev, ap-northeast-1)", () => {
  // From the GuardDuty User Guide's table "ECR Repository for GuardDuty agent on AWS Fargate".
  const agentRepository = "arn:aws:ecr:ap-northeast-1:533107202818:repository/aws-guardduty-agent-fargate";

  it.each(["service-execution", "erasure-execution"])("lets the %s role pull the agent from GuardDuty's repository in the stack's region, and nothing else of that account", async (name) => {
    const policy = JSON.parse(one<{ policy: string }>(app, TYPES.rolePolicy, name).policy) as PolicyDocument;
    for (const action of ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]) {
      expect(await isAllowed(policy, { action, resource: agentRepository })).toBe(true);
      expect(await isAllowed(policy, { action, resource: "arn:aws:ecr:ap-northeast-1:533107202818:repository/other" })).toBe(false);
    }
    expect(await isAllowed(policy, { action: "ecr:GetAuthorizationToken", resource: "*" })).toBe(true);
    expect(await isAllowed(policy, { action: "ecr:PutImage", resource: agentRepository })).toBe(false);
  });
});

describe("workload roles (dev)", () => {
  it("creates every role under the workload path, the only path the deploy role may manage", () => {
    const roles = all<{ path?: string }>(app, TYPES.role);
    expect(roles.length).toBeGreaterThanOrEqual(5);
    for (const role of roles) expect(role.path).toBe(WORKLOAD_ROLE_PATH);
  });
});

describe("service image tag (dev)", () => {
  it("tags the built image with the hash of the build folder, so immutable tags accept each changed build", () => {
    const image = one<{ imageTag: string; context: string }>(app, TYPES.image);
    expect(image.imageTag).toBe(contentTag(readBuildContext(path.resolve(__dirname, "../service")), "linux/amd64"));
  });
});
