import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";

/** Refuses every request to the bucket or its objects that does not arrive over TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** A bucket policy: TLS-only first, then whatever service writers the bucket has. */
export function bucketPolicy(bucketArn: string, statements: readonly PolicyStatement[]): PolicyDocument {
  return policyDocument([denyInsecureTransport(bucketArn), ...statements]);
}
