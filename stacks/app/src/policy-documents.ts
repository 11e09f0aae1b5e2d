/**
 * IAM and bucket policy documents, built as plain objects so they can be unit-tested and
 * reviewed as data. Callers serialise them with JSON.stringify inside an apply.
 */
import { policyDocument, type PolicyDocument, type PolicyStatement as Statement } from "@platform/components";

/** Several statements as one document; statement ids must be unique. */
const doc = (...statements: Statement[]): PolicyDocument => policyDocument(statements);

/**
 * Trust policy for a service principal, limited to callers from this account (confused deputy).
 * No Resource: the role itself is the resource, and IAM refuses a trust policy that names one
 * (MalformedPolicyDocument: Has prohibited field Resource).
 */
export function serviceTrustPolicy(service: string, accountId: string): PolicyDocument {
  return doc({
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  });
}

/**
 * Lets Elastic Load Balancing write access logs under `<prefix>/AWSLogs/<account>/`. Regions
 * launched before August 2022 deliver as the regional ELB account; newer ones as the log
 * delivery service principal (ELB user guide, "Enable access logs", step 2).
 */
export function albLogDeliveryStatement(bucketArn: string, prefix: string, accountId: string, elbAccountId: string | undefined): Statement {
  return {
    Sid: "AllowElbAccessLogDelivery",
    Effect: "Allow",
    Principal: elbAccountId !== undefined ? { AWS: `arn:aws:iam::${elbAccountId}:root` } : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`,
  };
}

const viaService = (service: string, region: string) => ({ StringEquals: { "kms:ViaService": `${service}.${region}.amazonaws.com` } });

/** Use of a KMS key only through one service in this region (S3, Secrets Manager). */
function kmsVia(sid: string, keyArn: string | readonly string[], actions: readonly string[], service: string, region: string): Statement {
  return { Sid: sid, Effect: "Allow", Action: actions, Resource: keyArn, Condition: viaService(service, region) };
}

export interface ExecutionRoleInputs {
  readonly logGroupArn: string;
  /** The ECR repository the image is pulled from. */
  readonly repositoryArn: string;
  readonly secretArns: readonly string[];
  /** Every customer managed key the injected secrets are encrypted with. */
  readonly secretsKeyArns: readonly string[];
  readonly region: string;
  /** GuardDuty's Fargate agent repository in this region (guardduty-agent.ts). */
  readonly guardDutyAgentRepositoryArn: string;
}

/**
 * What ECS itself needs to start the task: pull the image and GuardDuty's Runtime Monitoring
 * sidecar (which ECS pulls with this role), ship logs, fetch the injected secrets.
 */
export function executionRolePolicy(i: ExecutionRoleInputs): PolicyDocument {
  const statements: Statement[] = [
    { Sid: "EcrAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: i.repositoryArn },
    {
      Sid: "PullGuardDutyAgent",
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      Resource: i.guardDutyAgentRepositoryArn,
    },
    { Sid: "ShipLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${i.logGroupArn}:log-stream:*` },
  ];
  if (i.secretArns.length > 0) {
    // A secret reference may name a JSON key (`arn:...:secret:name-AbCdEf:key::`); IAM wants the secret ARN.
    const arns = [...new Set(i.secretArns.map((arn) => arn.split(":").slice(0, 7).join(":")))].sort();
    statements.push({ Sid: "ReadInjectedSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arns });
    statements.push(kmsVia("DecryptInjectedSecrets", [...new Set(i.secretsKeyArns)].sort(), ["kms:Decrypt"], "secretsmanager", i.region));
  }
  return doc(...statements);
}

export interface ServiceRoleInputs {
  readonly dataBucketArn: string;
  readonly dataKeyArn: string;
  readonly exportBucketArn: string;
  readonly exportPrefix: string;
  readonly personalDataKeyArn: string;
  readonly region: string;
}

/**
 * What the running service may do: read and write application data, and write exports and
 * sign time-limited GetObject links for them (a presigned URL carries the signer's permissions).
 */
export function serviceTaskRolePolicy(i: ServiceRoleInputs): PolicyDocument {
  return doc(
    { Sid: "ApplicationData", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${i.dataBucketArn}/*` },
    { Sid: "ListApplicationData", Effect: "Allow", Action: "s3:ListBucket", Resource: i.dataBucketArn },
    { Sid: "Exports", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${i.exportBucketArn}/${i.exportPrefix}*` },
    kmsVia("DataKeyThroughS3", i.dataKeyArn, ["kms:Decrypt", "kms:GenerateDataKey"], "s3", i.region),
    kmsVia("PersonalDataKeyThroughS3", i.personalDataKeyArn, ["kms:Decrypt", "kms:GenerateDataKey"], "s3", i.region),
  );
}

export interface ErasureRoleInputs {
  readonly dataBucketArn: string;
  readonly personalDataPrefix: string;
  /** Data-bucket prefix of the request markers the erasure program reads and removes. */
  readonly requestPrefix: string;
  /** Data-bucket prefix the erasure program records completed requests under. */
  readonly completedPrefix: string;
  readonly dataKeyArn: string;
  readonly exportBucketArn: string;
  readonly exportPrefix: string;
  readonly personalDataKeyArn: string;
  /** The database's managed master secret, when the stack has a database. */
  readonly databaseSecretArn?: string;
  readonly region: string;
}

/**
 * Exactly what erasure needs: take the request markers, find and delete personal data (all
 * versions), record completion, and reach the database.
 */
export function erasureTaskRolePolicy(i: ErasureRoleInputs): PolicyDocument {
  const listUnder = (bucketArn: string, prefix: string, sid: string): Statement => ({
    Sid: sid,
    Effect: "Allow",
    Action: ["s3:ListBucket", "s3:ListBucketVersions"],
    Resource: bucketArn,
    Condition: { StringLike: { "s3:prefix": [prefix, `${prefix}*`] } },
  });
  const eraseUnder = (bucketArn: string, prefix: string, sid: string): Statement => ({
    Sid: sid,
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:DeleteObject", "s3:DeleteObjectVersion"],
    Resource: `${bucketArn}/${prefix}*`,
  });
  const statements: Statement[] = [
    listUnder(i.dataBucketArn, i.personalDataPrefix, "ListPersonalData"),
    eraseUnder(i.dataBucketArn, i.personalDataPrefix, "ErasePersonalData"),
    listUnder(i.exportBucketArn, i.exportPrefix, "ListExports"),
    eraseUnder(i.exportBucketArn, i.exportPrefix, "EraseExports"),
    { Sid: "ListErasureRequests", Effect: "Allow", Action: "s3:ListBucket", Resource: i.dataBucketArn, Condition: { StringLike: { "s3:prefix": [i.requestPrefix, `${i.requestPrefix}*`] } } },
    { Sid: "TakeErasureRequests", Effect: "Allow", Action: ["s3:GetObject", "s3:DeleteObject"], Resource: `${i.dataBucketArn}/${i.requestPrefix}*` },
    { Sid: "RecordCompletedErasures", Effect: "Allow", Action: "s3:PutObject", Resource: `${i.dataBucketArn}/${i.completedPrefix}*` },
    // GenerateDataKey: the completion record is written to the data bucket, encrypted with the data key.
    kmsVia("DataKeyThroughS3", i.dataKeyArn, ["kms:Decrypt", "kms:GenerateDataKey"], "s3", i.region),
    kmsVia("PersonalDataKeyThroughS3", i.personalDataKeyArn, ["kms:Decrypt"], "s3", i.region),
  ];
  if (i.databaseSecretArn !== undefined) {
    statements.push({ Sid: "DatabaseCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: i.databaseSecretArn });
    statements.push(kmsVia("DecryptDatabaseCredentials", i.dataKeyArn, ["kms:Decrypt"], "secretsmanager", i.region));
  }
  return doc(...statements);
}

export interface SchedulerRoleInputs {
  readonly taskDefinitionArn: string;
  readonly clusterArn: string;
  readonly passRoleArns: readonly string[];
}

/** EventBridge Scheduler may start exactly the erasure task, on this cluster, and hand it its roles. */
export function schedulerRolePolicy(i: SchedulerRoleInputs): PolicyDocument {
  return doc(
    { Sid: "RunErasureTask", Effect: "Allow", Action: "ecs:RunTask", Resource: i.taskDefinitionArn, Condition: { ArnEquals: { "ecs:cluster": i.clusterArn } } },
    { Sid: "PassErasureRoles", Effect: "Allow", Action: "iam:PassRole", Resource: [...i.passRoleArns], Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
  );
}
