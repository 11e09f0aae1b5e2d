import type { PolicyDocument } from "@platform/components";
import { vocabularyProblems } from "./iam-data/policy-vocabulary";

// The documents of every environment's plan are checked in stack-resource-permissions.test.ts,
// which plans them anyway; these are the checker's own failing cases.

describe("finds what IAM would silently never match", () => {
  const statement = (extra: Partial<PolicyDocument["Statement"][number]>): PolicyDocument => ({ Version: "2012-10-17", Statement: [{ Sid: "S", Effect: "Allow", Resource: "*", ...extra }] });

  it("a misspelled action, a wildcard matching nothing and an unknown service", async () => {
    expect(await vocabularyProblems(statement({ Action: ["s3:GetObjcet", "s3:PutBucketPolicy", "kms:Decrypt*", "ec2:Descirbe*", "s4:GetObject"] }))).toEqual([
      "statement S: s3:GetObjcet: s3 has no such action",
      "statement S: ec2:Descirbe*: ec2 has no such action",
      "statement S: s4:GetObject: IAM has no service s4",
    ]);
  });

  it("a misspelled condition key, and a key of another service than the statement's actions", async () => {
    const problems = await vocabularyProblems(
      statement({ Action: "s3:GetObject", Condition: { StringEquals: { "aws:SourceAcount": "1", "kms:ViaService": "s3.eu-central-1.amazonaws.com", "s3:ExistingObjectTag/Owner": "a" } } }),
    );
    expect(problems).toEqual(["statement S: condition key aws:SourceAcount is not a global condition key", "statement S: condition key kms:ViaService belongs to none of the statement's services (s3)"]);
  });

  it("accepts an OIDC provider's standard claims in a trust policy, and not a made-up claim", async () => {
    const trust = (key: string) => statement({ Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [key]: "x" } } });
    expect(await vocabularyProblems(trust("token.actions.githubusercontent.com:sub"))).toEqual([]);
    expect(await vocabularyProblems(trust("token.actions.githubusercontent.com:ref"))).toEqual([]);
    expect(await vocabularyProblems(trust("token.actions.githubusercontent.com:branch"))).toEqual(["statement S: condition key token.actions.githubusercontent.com:branch does not exist"]);
  });
});
