/**
 * IAM-language documents (key policies, bucket policies, SCPs, trust and permission policies)
 * as plain data. Builders return these; resources serialize them with JSON.stringify or
 * pulumi.jsonStringify, so unit tests read exactly what AWS receives.
 */
export type ConditionBlock = Record<string, Record<string, string | boolean | readonly string[]>>;

export type Principal =
  | "*"
  | {
      readonly AWS?: string | readonly string[];
      readonly Service?: string | readonly string[];
      readonly Federated?: string | readonly string[];
    };

export interface PolicyStatement {
  /** Optional in IAM; builders that combine statements refuse two with the same id. */
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** A document from its statements; AWS rejects a policy that uses one statement id twice, so do we, earlier. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const sids = statements.flatMap((s) => (s.Sid === undefined ? [] : [s.Sid]));
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
  if (duplicate !== undefined) throw new Error(`Policy statement id ${duplicate} is used twice; statement ids must be unique.`);
  return { Version: "2012-10-17", Statement: statements };
}

/** Refuses every request to the bucket or its objects that does not arrive over TLS (Security Hub S3.5). */
export function tlsOnlyStatement(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** A bucket policy: TLS-only first, then whatever writers and readers the bucket has. */
export function bucketPolicy(bucketArn: string, statements: readonly PolicyStatement[]): PolicyDocument {
  return policyDocument([tlsOnlyStatement(bucketArn), ...statements]);
}
