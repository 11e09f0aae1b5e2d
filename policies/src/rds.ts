import { FSBP, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { bool } from "./lib/values";

/** RDS and Aurora: encryption at rest, no public endpoint, deletion protection. */

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
    description: "RDS/Aurora DB clusters encrypt their storage (absent storageEncrypted means unencrypted for provisioned Aurora).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "RDS.27", title: "RDS DB clusters should be encrypted at rest" },
    remediationSteps: "Set storageEncrypted: true and kmsKeyId on aws.rds.Cluster; encryption cannot be added to an existing cluster, restore a snapshot into an encrypted one.",
    prevents: "An Aurora cluster created unencrypted because storageEncrypted was left out.",
    types: T.rdsCluster,
    check: (r) => {
      const encrypted = bool(r.props.storageEncrypted);
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
];
