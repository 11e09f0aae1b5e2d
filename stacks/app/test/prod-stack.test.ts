import { runStacks, type StackRun } from "@platform/offline";
import { all, containers, one, outputs, state, statements, TYPES } from "./helpers";

/** prod as configured in Pulumi.prod.yaml, with a certificate and a pushed image instead of a build. */
const CERTIFICATE = "arn:aws:acm:ap-northeast-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
const IMAGE = `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app@sha256:${"ab".repeat(32)}`;

let app: StackRun;
let network: { dataSubnetIds: string[] };
let keys: { logsKeyArn: string; dataKeyArn: string };
let exported: Record<string, unknown>;

beforeAll(async () => {
  // databaseEnabled unset: the database must be on because this is prod.
  const overrides = { certificateArn: CERTIFICATE, serviceBuildPath: undefined, serviceImageUri: IMAGE, databaseEnabled: undefined };
  const runs = await runStacks({ env: "prod", stacks: ["app"], config: { app: overrides } });
  app = runs.app as StackRun;
  network = outputs(runs.network);
  keys = outputs(runs.security);
  exported = outputs(app);
}, 120_000);

const groupId = (name: string) => {
  const found = app.resources.find((r) => r.type === TYPES.sg && r.name === name);
  if (found?.id === undefined) throw new Error(`no security group ${name}`);
  return found.id;
};

describe("load balancer (prod)", () => {
  it("has deletion protection", () => {
    expect(one(app, TYPES.lb).enableDeletionProtection).toBe(true);
  });

  it("terminates HTTPS with the configured certificate and a TLS 1.2+ policy, still 403 by default", () => {
    expect(one(app, TYPES.listener)).toMatchObject({
      protocol: "HTTPS",
      port: 443,
      certificateArn: CERTIFICATE,
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      defaultActions: [expect.objectContaining({ type: "fixed-response", fixedResponse: expect.objectContaining({ statusCode: "403" }) })],
    });
    expect(exported).toMatchObject({ listenerProtocol: "HTTPS", listenerPort: 443 });
  });

  it("admits the CloudFront prefix list on 443, the listener port", () => {
    const rules = all(app, TYPES.ingress).filter((r) => r.securityGroupId === groupId("alb"));
    expect(rules).toEqual([expect.objectContaining({ fromPort: 443, toPort: 443, prefixListId: expect.stringMatching(/^pl-/) })]);
  });
});

describe("service (prod)", () => {
  it("runs the configured image and builds nothing", () => {
    expect(app.resources.filter((r) => r.type === TYPES.image)).toHaveLength(0);
    expect(containers(one(app, TYPES.taskDefinition, "service"))[0].image).toBe(IMAGE);
  });

  it("takes size, count and scaling bounds from config", () => {
    expect(one(app, TYPES.taskDefinition, "service")).toMatchObject({ cpu: "512", memory: "1024" });
    expect(one(app, TYPES.service).desiredCount).toBe(3);
    expect(one(app, TYPES.scalingTarget)).toMatchObject({ minCapacity: 3, maxCapacity: 12 });
  });

  it("injects the database credentials through ECS secrets, readable by the execution role", () => {
    const [container] = containers(one(app, TYPES.taskDefinition, "service"));
    expect(container.secrets).toEqual([{ name: "DB_CREDENTIALS", valueFrom: exported.databaseSecretArn }]);
    expect(container.environment.map((e) => e.name)).not.toContain("DB_CREDENTIALS");
    const policy = statements(one(app, TYPES.rolePolicy, "service-execution").policy);
    expect(policy.find((s) => s.Sid === "ReadInjectedSecrets")?.Resource).toEqual([exported.databaseSecretArn]);
  });
});

describe("Aurora PostgreSQL (prod)", () => {
  it("is on by default in prod, in the isolated data subnets", () => {
    expect(one(app, TYPES.subnetGroup).subnetIds).toEqual(network.dataSubnetIds);
    expect(all(app, TYPES.rdsInstance)).toHaveLength(2);
    for (const instance of all(app, TYPES.rdsInstance)) expect(instance.publiclyAccessible).toBe(false);
  });

  it("encrypts with the data key, keeps its master password in Secrets Manager, protects deletion, backs up and exports logs", () => {
    expect(one(app, TYPES.rdsCluster)).toMatchObject({
      engine: "aurora-postgresql",
      storageEncrypted: true,
      kmsKeyId: keys.dataKeyArn,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: keys.dataKeyArn,
      deletionProtection: true,
      backupRetentionPeriod: 14,
      skipFinalSnapshot: false,
      enabledCloudwatchLogsExports: ["postgresql"],
    });
    expect(one(app, TYPES.rdsCluster).masterPassword).toBeUndefined();
  });

  it("exports PostgreSQL logs into a log group that exists first with the logs key and retention", () => {
    const cluster = one<{ clusterIdentifier: string }>(app, TYPES.rdsCluster);
    const group = all(app, TYPES.logGroup).find((g) => g.name === `/aws/rds/cluster/${cluster.clusterIdentifier}/postgresql`);
    expect(group).toMatchObject({ kmsKeyId: keys.logsKeyArn, retentionInDays: 365 });
  });

  it("admits only the service security group, on 5432", () => {
    const database = groupId("database");
    expect(one(app, TYPES.rdsCluster).vpcSecurityGroupIds).toEqual([database]);
    const rules = all(app, TYPES.ingress).filter((r) => r.securityGroupId === database);
    expect(rules).toEqual([expect.objectContaining({ referencedSecurityGroupId: groupId("service"), fromPort: 5432, toPort: 5432 })]);
  });

  it("lets the erasure task read the database secret and nothing else in Secrets Manager", () => {
    const policy = statements(one(app, TYPES.rolePolicy, "erasure-task").policy);
    expect(policy.filter((s) => String(s.Action).startsWith("secretsmanager:"))).toEqual([expect.objectContaining({ Action: "secretsmanager:GetSecretValue", Resource: exported.databaseSecretArn })]);
  });

  it("exports the database endpoint and security group", () => {
    expect(exported.databaseEndpoint).toBe(state<{ endpoint: string }>(app, TYPES.rdsCluster).endpoint);
    expect(exported.databaseSecurityGroupId).toBe(groupId("database"));
  });
});

describe("retention (prod)", () => {
  it("applies the prod logs retention to every log group and the access-log bucket", () => {
    for (const group of all(app, TYPES.logGroup)) expect(group.retentionInDays).toBe(365);
    expect(one<{ rules: unknown[] }>(app, TYPES.lifecycle, "alb-access-logs").rules).toContainEqual(expect.objectContaining({ expiration: { days: 365 } }));
  });

  it("runs erasure on the prod schedule in the configured timezone", () => {
    expect(one(app, TYPES.schedule)).toMatchObject({ scheduleExpression: "cron(30 2 * * ? *)", scheduleExpressionTimezone: "Asia/Tokyo" });
  });
});

describe("configured image (prod)", () => {
  it("lets both execution roles pull from the configured image's repository, not only this stack's", () => {
    for (const role of ["service-execution", "erasure-execution"]) {
      const policy = statements(one(app, TYPES.rolePolicy, role).policy);
      expect(policy.find((s) => s.Sid === "PullImage")?.Resource).toBe("arn:aws:ecr:ap-northeast-1:123456789012:repository/app");
    }
  });
});
