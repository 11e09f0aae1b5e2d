import { policyDocument, type PolicyDocument, type PolicyStatement } from "@platform/components";

export interface StateResources {
  /** ARN of the state bucket, when the bootstrap manages it. */
  readonly bucketArn?: string;
  /** ARN of the KMS key for state encryption and the `awskms://` secrets provider. */
  readonly keyArn?: string;
}

/**
 * Access to Pulumi state and secrets. A preview reads state and writes only the lock files a
 * DIY backend takes (`.pulumi/locks/`); a deploy reads and writes all of it.
 */
export function stateAccessPolicy(resources: StateResources, mode: "preview" | "deploy"): PolicyDocument | undefined {
  const statements: PolicyStatement[] = [];
  const { bucketArn, keyArn } = resources;
  if (bucketArn !== undefined) {
    statements.push(
      { Sid: "ListState", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: bucketArn },
      mode === "deploy"
        ? { Sid: "ReadWriteState", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/*` }
        : { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/*` },
    );
    if (mode === "preview") {
      statements.push({ Sid: "TakeStateLocks", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/.pulumi/locks/*` });
    }
  }
  if (keyArn !== undefined) {
    statements.push({
      Sid: "UseStateKey",
      Effect: "Allow",
      Action: mode === "deploy" ? ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"] : ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: keyArn,
    });
  }
  return statements.length === 0 ? undefined : policyDocument(statements);
}

/**
 * ReadOnlyAccess also reads data (objects, items, messages, secrets, log events). A preview
 * needs none of it, so the preview role is denied data-plane reads outside the state bucket.
 */
export function previewDataGuard(stateBucketArn: string | undefined): PolicyDocument {
  const objectRead: PolicyStatement =
    stateBucketArn === undefined
      ? { Sid: "NoObjectReads", Effect: "Deny", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: "*" }
      : { Sid: "NoObjectReads", Effect: "Deny", Action: ["s3:GetObject", "s3:GetObjectVersion"], NotResource: [`${stateBucketArn}/*`] };
  return policyDocument([
    objectRead,
    {
      Sid: "NoDataReads",
      Effect: "Deny",
      Action: [
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "sqs:ReceiveMessage",
        "secretsmanager:GetSecretValue",
        "logs:GetLogEvents",
        "logs:FilterLogEvents",
        "logs:StartQuery",
        "logs:StartLiveTail",
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
      ],
      Resource: "*",
    },
  ]);
}
