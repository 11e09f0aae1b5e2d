/** IAM and KMS policy documents of the network stack, as plain data so they can be tested. */
import type { AccountScope } from "@platform/components";

/** Only the VPC Flow Logs service, acting for this account, may assume the flow-log role. */
export function flowLogTrustPolicy(scope: AccountScope) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": scope.accountId },
          ArnLike: { "aws:SourceArn": `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:vpc-flow-log/*` },
        },
      },
    ],
  };
}

/**
 * The permissions the VPC guide lists for the flow-log role ("IAM role for publishing flow logs to
 * CloudWatch Logs", https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html):
 * CreateLogStream, PutLogEvents, DescribeLogStreams and DescribeLogGroups. Writes and stream lookups
 * are limited to the one log group; DescribeLogGroups lists groups, so it is granted on this
 * account's groups in the group's region. The group exists, so no CreateLogGroup.
 */
export function flowLogWritePolicy(logGroupArn: string) {
  const accountLogGroups = logGroupArn.replace(/:log-group:.*$/, ":log-group:*");
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
      { Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: [accountLogGroups] },
    ],
  };
}

/**
 * Key policy of the network stack's own logs key (used until the security stack provides one):
 * the account administers it; CloudWatch Logs may use it only for this account's log groups.
 */
export function logsKeyPolicy(scope: AccountScope) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${scope.partition}:iam::${scope.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${scope.region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:*` },
        },
      },
    ],
  };
}
