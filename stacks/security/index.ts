/**
 * The security stack: the account's encryption keys and audit trail, and the detective and
 * preventive controls around them.
 * Resources: src/kms-keys.ts (a rotating KMS key and alias per data class), the shared SecureBucket
 * for audit logs (packages/components), src/cloudtrail.ts, src/aws-config.ts, src/security-hub.ts,
 * src/guardduty.ts, IAM Access Analyzer, src/guardrails.ts (SCPs, in an organization's management account).
 * Exports: the security contract, packages/wiring/src/contracts/security.ts.
 */
import * as aws from "@pulumi/aws";
import { lookupAccountScope, SecureBucket, type PolicyStatement } from "@platform/components";
import { defineStack } from "@platform/wiring";
import { cloudTrailWriteStatements, configWriteStatements } from "./src/audit-bucket-policies";
import { ConfigRecording } from "./src/aws-config";
import { AuditTrail } from "./src/cloudtrail";
import { securityConfig } from "./src/config";
import { ThreatDetection } from "./src/guardduty";
import { Guardrails } from "./src/guardrails";
import { DataKeys } from "./src/kms-keys";
import { SecurityHub } from "./src/security-hub";

export = defineStack("security", async (ctx) => {
  const config = ctx.config(securityConfig);
  const scope = await lookupAccountScope();

  // Named up front: the key policy and the bucket policy must admit the trail before it exists.
  const trailName = config.trailName ?? `platform-${ctx.env}`;
  const trailArn = config.cloudTrail ? `arn:${scope.partition}:cloudtrail:${scope.region}:${scope.accountId}:trail/${trailName}` : undefined;

  const keys = new DataKeys("keys", {
    scope,
    aliasPrefix: `platform-${ctx.env}`,
    rotationPeriodDays: config.keyRotationDays,
    deletionWindowDays: config.keyDeletionWindowDays,
    cloudTrailArn: trailArn,
    configDelivery: config.awsConfig,
  });
  const logsKeyArn = keys.byClass.logs.arn;

  // CloudTrail and Config share one audit bucket, each under its own prefix.
  const auditLogs =
    trailArn !== undefined || config.awsConfig
      ? new SecureBucket(
          "audit-logs",
          {
            encryption: { kind: "kms", keyArn: logsKeyArn },
            lifecycleRules: [
              ...(config.auditLogRetentionDays === undefined ? [] : [{ id: "expire-objects", expireAfterDays: config.auditLogRetentionDays }]),
              { id: "expire-noncurrent-versions", noncurrentVersionDays: 30 },
              { id: "abort-incomplete-uploads", abortIncompleteUploadsAfterDays: 7 },
            ],
            protect: ctx.env === "prod",
            statements: (bucketArn) => {
              const writers: PolicyStatement[] = [];
              if (trailArn !== undefined) writers.push(...cloudTrailWriteStatements(bucketArn, scope.accountId, trailArn));
              if (config.awsConfig) writers.push(...configWriteStatements(bucketArn, scope.accountId));
              return writers;
            },
          },
          // The shared component replaced platform:security:SecureBucket; the alias keeps the URNs of
          // the audit bucket and its settings, so Pulumi does not delete the audit evidence in it.
          { aliases: [{ type: "platform:security:SecureBucket" }] },
        )
      : undefined;

  const trail =
    trailArn !== undefined && auditLogs !== undefined
      ? new AuditTrail("trail", { name: trailName, bucketName: auditLogs.bucketName, logsKeyArn, bucketPolicy: auditLogs.policy })
      : undefined;

  const recording =
    config.awsConfig && auditLogs !== undefined
      ? new ConfigRecording("config", {
          scope,
          serviceLinkedRole: config.configServiceLinkedRole,
          recordGlobalResources: config.configRecordGlobalResources,
          bucketName: auditLogs.bucketName,
          logsKeyArn,
          bucketPolicy: auditLogs.policy,
        })
      : undefined;

  if (config.securityHub) {
    new SecurityHub("security-hub", {
      scope,
      fsbpVersion: config.fsbpVersion,
      cisVersion: config.cisVersion === "none" ? undefined : config.cisVersion,
      configRecording: recording?.status,
    });
  }

  const threatDetection = config.guardDuty ? new ThreatDetection("guardduty") : undefined;

  if (config.accessAnalyzer) {
    new aws.accessanalyzer.Analyzer("access-analyzer", { analyzerName: `platform-${ctx.env}`, type: "ACCOUNT" });
  }

  if (config.organization !== undefined) {
    new Guardrails("guardrails", { ...config.organization, partition: scope.partition });
  }

  return {
    logsKeyArn,
    dataKeyArn: keys.byClass.data.arn,
    personalDataKeyArn: keys.byClass.personalData.arn,
    logsKeyAlias: keys.aliases.logs.name,
    dataKeyAlias: keys.aliases.data.name,
    personalDataKeyAlias: keys.aliases.personalData.name,
    auditLogBucketName: auditLogs?.bucketName,
    trailArn: trail?.trail.arn,
    guardDutyDetectorId: threatDetection?.detector.id,
  };
});
