import { plain } from "@platform/offline";
import type { PolicyDocument } from "@platform/components";
import { planEveryEnvironment, type EnvironmentPlan } from "./iam-data/plans";
import { policyDocumentsIn, vocabularyProblems } from "./iam-data/policy-vocabulary";

/**
 * Every IAM, KMS key, bucket, SCP and trust policy document the stacks and the bootstrap build, in
 * the offline plan of every environment, names only actions and condition keys IAM has.
 */
let plans: EnvironmentPlan[];
beforeAll(async () => {
  plans = await planEveryEnvironment();
}, 120_000);

const documentsOf = (plan: EnvironmentPlan) =>
  [...Object.values(plan.runs), plan.bootstrap].flatMap((run) =>
    run.resources.flatMap((r) => policyDocumentsIn(plain(r.inputs)).map((document) => ({ where: `${plan.env}/${run.stack} ${r.type} ${r.name}`, document }))),
  );

it.each(["dev", "prod"])("names only actions and condition keys that exist in every policy document of %s", async (env) => {
  const documents = documentsOf(plans.find((p) => p.env === env) as EnvironmentPlan);
  // Role, inline and bucket policies, key policies, trust policies and (with guardrails on) SCPs.
  const kinds = new Set(documents.map((d) => d.where.split(" ")[1]));
  expect([...kinds]).toEqual(expect.arrayContaining(["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:kms/key:Key", "aws:s3/bucketPolicy:BucketPolicy", "aws:organizations/policy:Policy"]));
  const problems = (await Promise.all(documents.map(async (d) => (await vocabularyProblems(d.document)).map((p) => `${d.where}: ${p}`)))).flat();
  expect(problems).toEqual([]);
});

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
