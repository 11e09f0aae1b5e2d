import { albLogDeliveryStatement, erasureTaskRolePolicy, executionRolePolicy, schedulerRolePolicy, serviceTrustPolicy } from "../src/policy-documents";
import { elbAccountFor } from "../src/elb-accounts";
import { lifecyclePolicy } from "../src/registry";
import { containerDefinition } from "../src/container-definition";

const BUCKET = "arn:aws:s3:::data-1234";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/abc";
const AGENT = "arn:aws:ecr:eu-west-1:694911143906:repository/aws-guardduty-agent-fargate";

describe("policy documents", () => {
  it("limits task-role trust to callers from this account", () => {
    expect(serviceTrustPolicy("ecs-tasks.amazonaws.com", "123456789012").Statement[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("names no Resource in a trust policy, which IAM refuses there", () => {
    for (const service of ["ecs-tasks.amazonaws.com", "scheduler.amazonaws.com"]) {
      for (const statement of serviceTrustPolicy(service, "123456789012").Statement) expect(statement).not.toHaveProperty("Resource");
    }
  });

  it("lets the execution role decrypt injected secrets with every configured key, each once", () => {
    const other = "arn:aws:kms:eu-west-1:123456789012:key/other";
    const policy = executionRolePolicy({ logGroupArn: "lg", repositoryArn: "repo", secretArns: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf"], secretsKeyArns: [KEY, other, KEY], region: "eu-west-1", guardDutyAgentRepositoryArn: AGENT });
    expect(policy.Statement.find((s) => s.Sid === "DecryptInjectedSecrets")?.Resource).toEqual([KEY, other]);
  });

  it("lets the erasure task take request markers and record completions only under their prefixes", () => {
    const policy = erasureTaskRolePolicy({ dataBucketArn: BUCKET, personalDataPrefix: "personal/", requestPrefix: "erasure-requests/", completedPrefix: "erasure-completed/", dataKeyArn: KEY, exportBucketArn: "arn:aws:s3:::exports", exportPrefix: "exports/", personalDataKeyArn: KEY, region: "eu-west-1" });
    const byId = (sid: string) => policy.Statement.find((s) => s.Sid === sid);
    expect(byId("ListErasureRequests")?.Condition).toEqual({ StringLike: { "s3:prefix": ["erasure-requests/", "erasure-requests/*"] } });
    expect(byId("TakeErasureRequests")).toMatchObject({ Action: ["s3:GetObject", "s3:DeleteObject"], Resource: `${BUCKET}/erasure-requests/*` });
    expect(byId("RecordCompletedErasures")).toMatchObject({ Action: "s3:PutObject", Resource: `${BUCKET}/erasure-completed/*` });
    expect(byId("DataKeyThroughS3")?.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey"]);
  });

  it("uses the delivery service principal in regions without an ELB account", () => {
    expect(elbAccountFor("ap-southeast-7")).toBeUndefined();
    expect(albLogDeliveryStatement(BUCKET, "alb", "123456789012", undefined).Principal).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
  });

  it("grants the execution role the secret ARN without the JSON-key suffix, once", () => {
    const secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf";
    const policy = executionRolePolicy({ logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:app", repositoryArn: "arn:aws:ecr:eu-west-1:123456789012:repository/app", secretArns: [`${secret}:password::`, secret], secretsKeyArns: [KEY], region: "eu-west-1", guardDutyAgentRepositoryArn: AGENT });
    expect(policy.Statement.find((s) => s.Sid === "ReadInjectedSecrets")?.Resource).toEqual([secret]);
    expect(policy.Statement.find((s) => s.Sid === "DecryptInjectedSecrets")?.Condition).toEqual({ StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } });
  });

  it("gives the execution role no Secrets Manager access when nothing is injected", () => {
    const policy = executionRolePolicy({ logGroupArn: "lg", repositoryArn: "repo", secretArns: [], secretsKeyArns: [KEY], region: "eu-west-1", guardDutyAgentRepositoryArn: AGENT });
    expect(JSON.stringify(policy)).not.toContain("secretsmanager");
  });

  it("limits erasure listing to the prefixes through s3:prefix", () => {
    const policy = erasureTaskRolePolicy({ dataBucketArn: BUCKET, personalDataPrefix: "personal/", requestPrefix: "erasure-requests/", completedPrefix: "erasure-completed/", dataKeyArn: KEY, exportBucketArn: "arn:aws:s3:::exports", exportPrefix: "exports/", personalDataKeyArn: KEY, region: "eu-west-1" });
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
