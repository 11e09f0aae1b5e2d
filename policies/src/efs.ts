import { FSBP, resourcePolicy, stackPolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, at, bool, isSet, isUnknown, num } from "./lib/values";

/** EFS: encryption at rest and access points that pin a directory and an identity. */

export const efsPolicies = [
  resourcePolicy({
    name: "efs-encrypted",
    description: "EFS file systems encrypt file data at rest with AWS KMS.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EFS.1", title: "Elastic File System should be configured to encrypt file data at-rest using AWS KMS" },
    remediationSteps: "Set encrypted: true and kmsKeyId; an existing file system must be copied into a new encrypted one.",
    prevents: "File data stored in clear.",
    types: T.efsFileSystem,
    check: (r) => {
      const enc = bool(r.props.encrypted);
      return enc === true || enc === "unknown" ? [] : [finding(`${where(r.name, r.type)} is not encrypted`, "set encrypted: true with kmsKeyId")];
    },
  }),
  resourcePolicy({
    name: "efs-access-point-root-directory",
    description: "EFS access points enforce a root directory other than /.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "EFS.3", title: "EFS access points should enforce a root directory" },
    remediationSteps: "Set rootDirectory.path to the directory the client may use (e.g. /app).",
    prevents: "A client mounting the whole file system.",
    types: T.efsAccessPoint,
    check: (r) => {
      const path = at(r.props, "rootDirectory", "path");
      return path === undefined || path === "/" ? [finding(`${where(r.name, r.type)} exposes the file system root`, "set rootDirectory.path to a sub-directory")] : [];
    },
  }),
  resourcePolicy({
    name: "efs-access-point-user-identity",
    description: "EFS access points enforce a POSIX user identity.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "EFS.4", title: "EFS access points should enforce a user identity" },
    remediationSteps: "Set posixUser { uid, gid } on the access point.",
    prevents: "Clients acting as any user, including root, on shared files.",
    types: T.efsAccessPoint,
    check: (r) => {
      const user = asRecord(r.props.posixUser);
      const ok = isSet(r.props.posixUser) && (user === undefined || num(user.uid) !== undefined);
      return ok ? [] : [finding(`${where(r.name, r.type)} does not enforce a user identity`, "set posixUser { uid, gid }")];
    },
  }),
  stackPolicy({
    name: "efs-automatic-backups",
    description: "EFS file systems have automatic backups (an aws.efs.BackupPolicy with status ENABLED for the file system).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "EFS.7", title: "EFS file systems should have automatic backups enabled" },
    remediationSteps: "Add aws.efs.BackupPolicy { fileSystemId, backupPolicy: { status: \"ENABLED\" } }.",
    prevents: "Deleted or corrupted files with no backup to restore.",
    check: (stack) =>
      stack.ofType(T.efsFileSystem).flatMap((fs) => {
        const policies = stack.referencing(fs, T.efsBackupPolicy, "fileSystemId", IDENTIFYING.generic);
        const on = policies.some((p) => {
          const status = asRecord(p.props.backupPolicy)?.status;
          return status === "ENABLED" || isUnknown(status) || isUnknown(p.props.backupPolicy);
        });
        return on ? [] : [{ urn: fs.urn, message: finding(`${where(fs.name, fs.type)} has no automatic backups`, "add an aws.efs.BackupPolicy with status ENABLED for it") }];
      }),
  }),
];
