import { FSBP, resourcePolicy, stackPolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import type { StackView } from "./lib/relations";
import { bool, isSet, isUnknown, list, num, str, type Props } from "./lib/values";

/**
 * RDS and Aurora: encryption at rest, no public endpoint, deletion protection, backups, upgrades,
 * monitoring. Controls: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html
 */

/** Instances managed on their own (not members of an Aurora cluster, which the cluster controls judge). */
const standalone = (props: Props) => props.dbClusterIdentifier === undefined;

/** RDS.9 (rds-logging-enabled): the logs each engine must export to CloudWatch Logs. */
export const REQUIRED_LOG_EXPORTS: readonly [RegExp, readonly string[]][] = [
  [/^postgres/, ["postgresql"]],
  [/^(mysql|mariadb)/, ["audit", "error", "general", "slowquery"]],
  [/^oracle/, ["alert", "audit", "listener", "trace"]],
  [/^sqlserver/, ["agent", "error"]],
];

export function missingLogExports(props: Props): string[] | "unknown" {
  const engine = str(props.engine);
  if (engine === "unknown") return "unknown";
  const required = REQUIRED_LOG_EXPORTS.find(([re]) => engine !== undefined && re.test(engine))?.[1];
  if (!required) return [];
  const exported = list(props.enabledCloudwatchLogsExports);
  if (exported === "unknown" || exported.some((e) => typeof e !== "string" || isUnknown(e))) return "unknown";
  return required.filter((l) => !exported.includes(l));
}

/** RDS.15: an Aurora cluster is Multi-AZ when its instances can fail over, so it needs two or more of them. */
export function singleInstanceClusters(stack: StackView): { urn: string; message: string }[] {
  return stack.ofType(T.rdsCluster).flatMap((c) => {
    if (!String(c.props.engine ?? "aurora").startsWith("aurora") || c.props.engineMode === "serverless") return [];
    const members = stack.referencing(c, T.rdsClusterInstance, "clusterIdentifier", ["clusterIdentifier", "id"]);
    if (members.length >= 2 || members.length === 0) return [];
    return [{ urn: c.urn, message: finding(`${where(c.name, c.type)} has ${members.length} instance, so it cannot fail over to another availability zone`, "add a second aws.rds.ClusterInstance in another availability zone") }];
  });
}

export const rdsPolicies = [
  resourcePolicy({
    name: "rds-instance-storage-encrypted",
    description: "RDS DB instances encrypt their storage.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "RDS.3", title: "RDS DB instances should have encryption at-rest enabled" },
    remediationSteps: "Set storageEncrypted: true and kmsKeyId to the data class key (an existing instance must be restored from an encrypted snapshot copy).",
    prevents: "Database files, backups and snapshots stored in clear.",
    types: T.rdsInstance,
    check: (r) => {
      // Instances in an Aurora cluster inherit the cluster's encryption; RDS.27 checks the cluster.
      if (r.props.dbClusterIdentifier !== undefined) return [];
      return bool(r.props.storageEncrypted) === true || bool(r.props.storageEncrypted) === "unknown"
        ? []
        : [finding(`${where(r.name, r.type)} does not encrypt its storage`, "set storageEncrypted: true with kmsKeyId")];
    },
  }),
  resourcePolicy({
    name: "rds-cluster-storage-encrypted",
    description: "RDS/Aurora DB clusters encrypt their storage (an omitted storageEncrypted is false, except for engineMode serverless, where the provider documents true).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "RDS.27", title: "RDS DB clusters should be encrypted at rest" },
    remediationSteps: "Set storageEncrypted: true and kmsKeyId on aws.rds.Cluster; encryption cannot be added to an existing cluster, restore a snapshot into an encrypted one.",
    prevents: "An Aurora cluster created unencrypted because storageEncrypted was left out.",
    types: T.rdsCluster,
    check: (r) => {
      // aws_rds_cluster storage_encrypted: "The default is false for provisioned engine_mode and true for serverless engine_mode."
      const encrypted = bool(r.props.storageEncrypted) ?? (r.props.engineMode === "serverless" ? true : undefined);
      return encrypted === true || encrypted === "unknown"
        ? []
        : [finding(`${where(r.name, r.type)} does not encrypt its storage (storageEncrypted is ${encrypted === false ? "false" : "not set, which means unencrypted"})`, "set storageEncrypted: true and kmsKeyId to the data class key")];
    },
  }),
  resourcePolicy({
    name: "rds-not-publicly-accessible",
    description: "RDS DB instances and Aurora cluster instances are not publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "RDS.2", title: "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration" },
    remediationSteps: "Set publiclyAccessible: false and place the database in isolated subnets.",
    prevents: "A database endpoint resolvable to a public IP.",
    types: [...T.rdsInstance, ...T.rdsClusterInstance],
    check: (r) =>
      bool(r.props.publiclyAccessible) === true ? [finding(`${where(r.name, r.type)} is publicly accessible`, "set publiclyAccessible: false")] : [],
  }),
  resourcePolicy({
    name: "rds-cluster-deletion-protection",
    description: "RDS/Aurora DB clusters have deletion protection enabled.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.7", title: "RDS clusters should have deletion protection enabled" },
    remediationSteps: "Set deletionProtection: true (turn it off in a separate change before an intended deletion).",
    prevents: "A refactor or stack destroy deleting the production database.",
    types: T.rdsCluster,
    check: (r) => (bool(r.props.deletionProtection) === false || r.props.deletionProtection === undefined
      ? [finding(`${where(r.name, r.type)} has no deletion protection`, "set deletionProtection: true")]
      : []),
  }),
  resourcePolicy({
    name: "rds-instance-deletion-protection",
    description: "RDS DB instances (outside Aurora clusters) have deletion protection enabled.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.8", title: "RDS DB instances should have deletion protection enabled" },
    remediationSteps: "Set deletionProtection: true.",
    prevents: "A refactor or stack destroy deleting a database instance.",
    types: T.rdsInstance,
    check: (r) => {
      if (r.props.dbClusterIdentifier !== undefined) return [];
      return bool(r.props.deletionProtection) === false || r.props.deletionProtection === undefined
        ? [finding(`${where(r.name, r.type)} has no deletion protection`, "set deletionProtection: true")]
        : [];
    },
  }),
  resourcePolicy({
    name: "rds-instance-multi-az",
    description: "RDS DB instances outside Aurora clusters are Multi-AZ (multiAz defaults to false).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.5", title: "RDS DB instances should be configured with multiple Availability Zones" },
    remediationSteps: "Set multiAz: true.",
    prevents: "An availability zone outage taking the database down.",
    types: T.rdsInstance,
    check: (r) => {
      if (!standalone(r.props)) return [];
      const on = bool(r.props.multiAz);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} runs in one availability zone`, "set multiAz: true")];
    },
  }),
  resourcePolicy<{ backupRetentionMinimum: number }>({
    name: "rds-instance-backups",
    description: "RDS DB instances outside Aurora clusters keep automated backups at least the configured days (Security Hub's backupRetentionMinimum 7; an omitted backupRetentionPeriod is RDS's 1 day).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.11", title: "RDS instances should have automatic backups enabled" },
    remediationSteps: "Set backupRetentionPeriod to 7 or more days.",
    prevents: "A bad write or deletion with no backup to restore.",
    config: {
      schema: { backupRetentionMinimum: { type: "integer", minimum: 1, default: 7, description: "Fewest days of automated backups (Security Hub's default 7)." } },
      defaults: { backupRetentionMinimum: 7 },
    },
    types: T.rdsInstance,
    check: (r, config) => {
      if (!standalone(r.props) || isSet(r.props.replicateSourceDb)) return [];
      const days = num(r.props.backupRetentionPeriod) ?? 1;
      return days === "unknown" || days >= config.backupRetentionMinimum ? [] : [finding(`${where(r.name, r.type)} keeps automated backups ${days} day(s), fewer than ${config.backupRetentionMinimum}`, `set backupRetentionPeriod to at least ${config.backupRetentionMinimum}`)];
    },
  }),
  resourcePolicy({
    name: "rds-instance-minor-upgrades",
    description: "RDS DB instances apply minor engine upgrades automatically (autoMinorVersionUpgrade defaults to true; false fails).",
    enforcementLevel: "advisory",
    severity: "high",
    framework: { ...FSBP, reference: "RDS.13", title: "RDS automatic minor version upgrades should be enabled" },
    remediationSteps: "Remove autoMinorVersionUpgrade: false.",
    prevents: "Databases left on engine versions with known vulnerabilities.",
    types: T.rdsInstance,
    check: (r) => (bool(r.props.autoMinorVersionUpgrade) === false ? [finding(`${where(r.name, r.type)} turns automatic minor version upgrades off`, "set autoMinorVersionUpgrade: true")] : []),
  }),
  resourcePolicy({
    name: "rds-instance-copy-tags-to-snapshots",
    description: "RDS DB instances outside Aurora clusters copy tags to snapshots (copyTagsToSnapshot defaults to false).",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "RDS.17", title: "RDS DB instances should be configured to copy tags to snapshots" },
    remediationSteps: "Set copyTagsToSnapshot: true.",
    prevents: "Snapshots without the data classification and owner tags that access and retention rules key on.",
    types: T.rdsInstance,
    check: (r) => {
      if (!standalone(r.props)) return [];
      const on = bool(r.props.copyTagsToSnapshot);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not copy tags to snapshots`, "set copyTagsToSnapshot: true")];
    },
  }),
  resourcePolicy({
    name: "rds-cluster-copy-tags-to-snapshots",
    description: "RDS/Aurora DB clusters copy tags to snapshots (copyTagsToSnapshot defaults to false).",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "RDS.16", title: "RDS DB clusters should be configured to copy tags to snapshots" },
    remediationSteps: "Set copyTagsToSnapshot: true.",
    prevents: "Snapshots without the data classification and owner tags that access and retention rules key on.",
    types: T.rdsCluster,
    check: (r) => {
      const on = bool(r.props.copyTagsToSnapshot);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not copy tags to snapshots`, "set copyTagsToSnapshot: true")];
    },
  }),
  resourcePolicy({
    name: "rds-instance-iam-authentication",
    description: "MySQL, MariaDB and PostgreSQL DB instances outside Aurora clusters accept IAM database authentication (iamDatabaseAuthenticationEnabled defaults to false).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.10", title: "IAM authentication should be configured for RDS instances" },
    remediationSteps: "Set iamDatabaseAuthenticationEnabled: true and grant rds-db:connect to the roles that connect.",
    prevents: "Long-lived database passwords as the only way in.",
    types: T.rdsInstance,
    check: (r) => {
      const engine = str(r.props.engine);
      if (!standalone(r.props) || engine === "unknown" || !/^(mysql|mariadb|postgres)/.test(engine ?? "")) return [];
      const on = bool(r.props.iamDatabaseAuthenticationEnabled);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not accept IAM database authentication`, "set iamDatabaseAuthenticationEnabled: true")];
    },
  }),
  resourcePolicy({
    name: "rds-cluster-iam-authentication",
    description: "Aurora DB clusters accept IAM database authentication (iamDatabaseAuthenticationEnabled defaults to false).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.12", title: "IAM authentication should be configured for RDS clusters" },
    remediationSteps: "Set iamDatabaseAuthenticationEnabled: true and grant rds-db:connect to the roles that connect.",
    prevents: "Long-lived database passwords as the only way in.",
    types: T.rdsCluster,
    check: (r) => {
      const on = bool(r.props.iamDatabaseAuthenticationEnabled);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not accept IAM database authentication`, "set iamDatabaseAuthenticationEnabled: true")];
    },
  }),
  resourcePolicy({
    name: "rds-instance-log-exports",
    description: `RDS DB instances outside Aurora clusters export their engine's logs to CloudWatch Logs (${REQUIRED_LOG_EXPORTS.map(([re, logs]) => `${re.source.replace(/[\^()]/g, "")}: ${logs.join(", ")}`).join("; ")}).`,
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.9", title: "RDS DB instances should publish logs to CloudWatch Logs" },
    remediationSteps: "List the engine's logs in enabledCloudwatchLogsExports.",
    prevents: "Database errors and audit records lost when the instance rotates its local logs.",
    types: T.rdsInstance,
    check: (r) => {
      if (!standalone(r.props)) return [];
      const missing = missingLogExports(r.props);
      return missing === "unknown" || missing.length === 0 ? [] : [finding(`${where(r.name, r.type)} does not export ${missing.join(", ")} logs`, `add ${missing.map((m) => `"${m}"`).join(", ")} to enabledCloudwatchLogsExports`)];
    },
  }),
  resourcePolicy({
    name: "rds-instance-enhanced-monitoring",
    description: "RDS DB instances have enhanced monitoring (monitoringInterval above 0; it defaults to 0).",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "RDS.6", title: "Enhanced monitoring should be configured for RDS DB instances" },
    remediationSteps: "Set monitoringInterval (e.g. 60) and monitoringRoleArn.",
    prevents: "No OS-level metrics to investigate a slow or failing database.",
    types: T.rdsInstance,
    check: (r) => {
      const interval = num(r.props.monitoringInterval) ?? 0;
      return interval === "unknown" || interval > 0 ? [] : [finding(`${where(r.name, r.type)} has no enhanced monitoring`, "set monitoringInterval: 60 and monitoringRoleArn")];
    },
  }),
  resourcePolicy({
    name: "aurora-mysql-backtracking",
    description: "Aurora MySQL clusters have backtracking enabled (backtrackWindow above 0).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.14", title: "Amazon Aurora clusters should have backtracking enabled" },
    remediationSteps: "Set backtrackWindow (seconds, up to 259200) when creating the cluster.",
    prevents: "A bad write that can only be undone by a full restore.",
    types: T.rdsCluster,
    check: (r) => {
      const engine = str(r.props.engine);
      if (engine !== "aurora-mysql" && engine !== "aurora") return [];
      const window = num(r.props.backtrackWindow) ?? 0;
      return window === "unknown" || window > 0 ? [] : [finding(`${where(r.name, r.type)} has backtracking off`, "set backtrackWindow, e.g. 86400")];
    },
  }),
  stackPolicy({
    name: "aurora-cluster-multi-az",
    description: "Aurora clusters (provisioned) have at least two cluster instances, so they can fail over to another availability zone.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "RDS.15", title: "RDS DB clusters should be configured for multiple Availability Zones" },
    remediationSteps: "Add a second aws.rds.ClusterInstance in another availability zone.",
    prevents: "An availability zone outage taking the database down until a new instance is created.",
    check: singleInstanceClusters,
  }),
];
