import { albLogDeliveryStatement, erasureTaskRolePolicy, executionRolePolicy, schedulerRolePolicy, serviceTrustPolicy } from "../src/policy-documents";
import { elbAccountFor } from "../src/elb-accounts";
import { lifecyclePolicy } from "../src/registry";
import { containerDefinition } from "../src/container-definition";

const BUCKET = "arn:aws:s3:::data-1234";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/abc";

describe("policy documents", () => {
  it("limits task-role trust to callers from this account", () => {
    expect(serviceTrustPolicy("ecs-tasks.amazonaws.com", "123456789012").Statement[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("uses the delivery service principal in regions without an ELB account", () => {
    expect(elbAccountFor("ap-southeast-7")).toBeUndefined();
    expect(albLogDeliveryStatement(BUCKET, "alb", "123456789012", undefined).Principal).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
  });

  it("grants the execution role the secret ARN without the JSON-key suffix, once", () => {
    const secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf";
    const policy = executionRolePolicy({ logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:app", repositoryArn: "arn:aws:ecr:eu-west-1:123456789012:repository/app", secretArns: [`${secret}:password::`, secret], secretsKeyArn: KEY, region: "eu-west-1" });
    expect(policy.Statement.find((s) => s.Sid === "ReadInjectedSecrets")?.Resource).toEqual([secret]);
    expect(policy.Statement.find((s) => s.Sid === "DecryptInjectedSecrets")?.Condition).toEqual({ StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } });
  });

  it("gives the execution role no Secrets Manager access when nothing is injected", () => {
    const policy = executionRolePolicy({ logGroupArn: "lg", repositoryArn: "repo", secretArns: [], secretsKeyArn: KEY, region: "eu-west-1" });
    expect(JSON.stringify(policy)).not.toContain("secretsmanager");
  });

  it("limits erasure listing to the prefixes through s3:prefix", () => {
    const policy = erasureTaskRolePolicy({ dataBucketArn: BUCKET, personalDataPrefix: "personal/", dataKeyArn: KEY, exportBucketArn: "arn:aws:s3:::exports", exportPrefix: "exports/", personalDataKeyArn: KEY, region: "eu-west-1" });
    expect(policy.Statement.find((s) => s.Sid === "ListPersonalData")?.Condition).toEqual({ StringLike: { "s3:prefix": ["personal/", "personal/*"] } });
  });

  it("restricts PassRole to ECS tasks", () => {
    const policy = schedulerRolePolicy({ taskDefinitionArn: "td", clusterArn: "cluster", passRoleArns: ["a", "b"] });
    expect(policy.Statement[1].Condition).toEqual({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
  });
});

describe("ECR lifecycle policy", () => {
  it("gives the catch-all rule the highest priority, as ECR requires for tagStatus any", () => {
    const rules = (JSON.parse(lifecyclePolicy(5)) as { rules: { rulePriority: number; selection: { tagStatus: string } }[] }).rules;
    const any = rules.find((r) => r.selection.tagStatus === "any");
    expect(any?.rulePriority).toBe(Math.max(...rules.map((r) => r.rulePriority)));
  });
});

describe("containerDefinition", () => {
  it("refuses a name set both as plain environment and as a secret", () => {
    const base = { name: "app", image: "img", logGroupName: "lg", region: "eu-west-1", streamPrefix: "app" };
    expect(() => containerDefinition({ ...base, environment: { TOKEN: "x" }, secrets: { TOKEN: "arn" } })).toThrow(/TOKEN set both/);
  });
});
