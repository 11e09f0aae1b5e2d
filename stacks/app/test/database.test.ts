import * as pulumi from "@pulumi/pulumi";

/** The options the Database component gives its cluster and instances, seen through a transformation. */
const seen: { type: string; name: string; ignoreChanges: string[] }[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      // RDS reports the managed master secret, which the component requires to exist.
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: args.type === "aws:rds/cluster:Cluster" ? { ...args.inputs, masterUserSecrets: [{ secretArn: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds-AbCdEf" }] } : args.inputs,
      }),
      call: (args) => args.inputs,
    },
    "app",
    "dev",
  );
  const { Database } = await import("../src/database");
  new Database(
    "database",
    {
      clusterIdentifier: "app-db-test",
      engineVersion: "16.6",
      instances: 2,
      minCapacity: 0.5,
      maxCapacity: 4,
      backupRetentionDays: 7,
      subnetIds: ["subnet-a", "subnet-b"],
      securityGroupId: "sg-db",
      dataKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/data",
      logsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/logs",
      logRetentionDays: 30,
    },
    { transformations: [(a) => void seen.push({ type: a.type, name: a.name, ignoreChanges: a.opts.ignoreChanges ?? [] })] },
  );
});

describe("Aurora engine version", () => {
  it("ignores engine version drift on the cluster and every instance, so AWS minor upgrades are not downgraded", () => {
    const rds = seen.filter((r) => r.type === "aws:rds/cluster:Cluster" || r.type === "aws:rds/clusterInstance:ClusterInstance");
    expect(rds.map((r) => r.name).sort()).toEqual(["database", "database-1", "database-2"]);
    for (const r of rds) expect(r.ignoreChanges).toContain("engineVersion");
  });
});
