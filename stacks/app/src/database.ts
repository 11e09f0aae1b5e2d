import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptedLogGroup } from "./log-group";
import { POSTGRES_PORT } from "./security-groups";

export interface DatabaseArgs {
  /** Fixed so the log group RDS exports to can exist (with our key and retention) before the cluster. */
  readonly clusterIdentifier: pulumi.Input<string>;
  readonly engineVersion: string;
  readonly instances: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly backupRetentionDays: number;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly dataKeyArn: pulumi.Input<string>;
  readonly logsKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
}

export const DATABASE_NAME = "app";

/**
 * AWS applies minor versions itself (autoMinorVersionUpgrade); the configured engineVersion is
 * then only where the database started. Without this, the next `pulumi up` would see the newer
 * version as drift and try to downgrade, which RDS refuses. The configured version therefore only
 * applies at creation; a major upgrade is a deliberate operation outside Pulumi (README, "Database").
 */
const FOLLOW_MINOR_UPGRADES = ["engineVersion"];
export const LOG_EXPORTS = ["postgresql"];

/** `aurora-postgresql16` for engine version `16.6`. */
export function parameterGroupFamily(engineVersion: string): string {
  return `aurora-postgresql${engineVersion.split(".")[0]}`;
}

/**
 * Aurora PostgreSQL (Serverless v2 instances) in the isolated data subnets: encrypted with the data
 * key, master password generated and rotated by RDS in Secrets Manager, TLS forced, deletion
 * protection, backups, final snapshot and the PostgreSQL log exported to an encrypted log group.
 */
export class Database extends pulumi.ComponentResource {
  readonly cluster: aws.rds.Cluster;
  readonly secretArn: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:Database", name, {}, opts);
    const parent = { parent: this };

    const subnets = new aws.rds.SubnetGroup(name, { subnetIds: args.subnetIds, description: "Isolated data subnets" }, parent);
    const parameters = new aws.rds.ClusterParameterGroup(
      name,
      { family: parameterGroupFamily(args.engineVersion), description: "TLS only", parameters: [{ name: "rds.force_ssl", value: "1" }] },
      parent,
    );
    const logGroups = LOG_EXPORTS.map((log) =>
      encryptedLogGroup(`${name}-${log}`, { name: pulumi.interpolate`/aws/rds/cluster/${args.clusterIdentifier}/${log}`, retentionDays: args.logRetentionDays, kmsKeyArn: args.logsKeyArn }, parent),
    );

    this.cluster = new aws.rds.Cluster(
      name,
      {
        clusterIdentifier: args.clusterIdentifier,
        engine: "aurora-postgresql",
        engineMode: "provisioned",
        engineVersion: args.engineVersion,
        databaseName: DATABASE_NAME,
        masterUsername: "app_admin",
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.dataKeyArn,
        storageEncrypted: true,
        kmsKeyId: args.dataKeyArn,
        port: POSTGRES_PORT,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [args.securityGroupId],
        dbClusterParameterGroupName: parameters.name,
        iamDatabaseAuthenticationEnabled: true,
        deletionProtection: true,
        backupRetentionPeriod: args.backupRetentionDays,
        copyTagsToSnapshot: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: pulumi.interpolate`${args.clusterIdentifier}-final`,
        enabledCloudwatchLogsExports: LOG_EXPORTS,
        serverlessv2ScalingConfiguration: { minCapacity: args.minCapacity, maxCapacity: args.maxCapacity },
      },
      { ...parent, dependsOn: logGroups, ignoreChanges: FOLLOW_MINOR_UPGRADES },
    );

    for (let i = 0; i < args.instances; i++) {
      new aws.rds.ClusterInstance(
        `${name}-${i + 1}`,
        {
          clusterIdentifier: this.cluster.id,
          instanceClass: "db.serverless",
          engine: "aurora-postgresql",
          engineVersion: this.cluster.engineVersion,
          dbSubnetGroupName: subnets.name,
          publiclyAccessible: false,
          autoMinorVersionUpgrade: true,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: args.dataKeyArn,
        },
        { ...parent, ignoreChanges: FOLLOW_MINOR_UPGRADES },
      );
    }

    this.secretArn = this.cluster.masterUserSecrets.apply((secrets) => {
      const arn = secrets?.[0]?.secretArn;
      if (arn === undefined) throw new pulumi.RunError("Aurora did not report its managed master user secret (manageMasterUserPassword is on)");
      return arn;
    });
    this.registerOutputs({ endpoint: this.cluster.endpoint });
  }
}
