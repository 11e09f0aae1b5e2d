import fc from "fast-check";
import { bucketPolicy, policyDocument, tlsOnlyStatement, type PolicyStatement } from "../src/policy-document";

const BUCKET = "arn:aws:s3:::audit-logs-1234";

describe("TLS-only bucket policy", () => {
  it("denies every request that is not TLS, on the bucket and on every object", () => {
    expect(tlsOnlyStatement(BUCKET)).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("starts with the TLS-only deny and keeps the caller's statements after it, in order", () => {
    const statementIds = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{1,12}$/).filter((sid) => sid !== "DenyInsecureTransport"), { maxLength: 6 });
    fc.assert(
      fc.property(statementIds, (sids) => {
        const statements: PolicyStatement[] = sids.map((Sid) => ({ Sid, Effect: "Allow", Action: "s3:PutObject", Resource: `${BUCKET}/*` }));
        const policy = bucketPolicy(BUCKET, statements);
        expect(policy.Version).toBe("2012-10-17");
        expect(policy.Statement).toEqual([tlsOnlyStatement(BUCKET), ...statements]);
      }),
    );
  });

  it("refuses a caller statement that reuses the TLS-only statement's id", () => {
    expect(() => bucketPolicy(BUCKET, [{ Sid: "DenyInsecureTransport", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }])).toThrow(
      /DenyInsecureTransport is used twice/,
    );
  });
});

describe("policy documents", () => {
  it("refuses two statements with the same id", () => {
    const acl: PolicyStatement = { Sid: "ConfigAclCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: BUCKET };
    expect(() => policyDocument([acl, { ...acl, Action: "s3:ListBucket" }])).toThrow(/ConfigAclCheck is used twice/);
  });

  it("accepts any number of statements without an id (trust policies rarely name theirs)", () => {
    const trust: PolicyStatement = { Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" };
    expect(policyDocument([trust, trust]).Statement).toHaveLength(2);
  });
});
