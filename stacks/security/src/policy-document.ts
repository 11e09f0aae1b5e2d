/**
 * IAM-language documents (key policies, bucket policies, SCPs, trust and permission policies)
 * as plain data. Builders return these; resources serialize them with JSON.stringify or
 * pulumi.jsonStringify, so unit tests read exactly what AWS receives.
 */
export type ConditionBlock = Record<string, Record<string, string | boolean | readonly string[]>>;

export type Principal = "*" | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[]; readonly Federated?: string };

export interface PolicyStatement {
  readonly Sid: string;
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

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const sids = statements.map((s) => s.Sid);
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
  if (duplicate !== undefined) throw new Error(`Policy statement id ${duplicate} is used twice; statement ids must be unique.`);
  return { Version: "2012-10-17", Statement: statements };
}

/** Account, region and partition every ARN in a document is built from. */
export interface AwsScope {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}
