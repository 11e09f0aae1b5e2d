import { plain, runStacks, type StackRun } from "@platform/offline";

function outputsOf<T>(run: StackRun | undefined): T {
  if (run === undefined) throw new Error("that stack did not run");
  return plain<T>(run.outputs);
}

/** Each mistake stops the program before any resource exists, naming the key and a valid example. */
async function appRunWith(overrides: Record<string, unknown>) {
  return runStacks({ env: "dev", stacks: ["app"], config: { app: overrides } });
}

describe("app stack config mistakes", () => {
  it("refuses an image URI and a build path together", async () => {
    const run = appRunWith({ serviceImageUri: `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app@sha256:${"0".repeat(64)}`, serviceBuildPath: "service" });
    await expect(run).rejects.toThrow(/platform-app:serviceImageUri: serviceImageUri and serviceBuildPath are both set/);
    await expect(run).rejects.toThrow(/e\.g\. platform-app:serviceImageUri: /);
    await expect(run).rejects.toThrow(/nothing was created/);
  });

  it("refuses a config with neither an image URI nor a build path", async () => {
    await expect(appRunWith({ serviceBuildPath: undefined })).rejects.toThrow(/platform-app:serviceImageUri: set exactly one of serviceImageUri .* or serviceBuildPath/);
  });

  it("refuses a log retention CloudWatch does not accept, listing the accepted values", async () => {
    const run = appRunWith({ logRetentionDays: "45" });
    await expect(run).rejects.toThrow(/platform-app:logRetentionDays: CloudWatch Logs accepts only these retention days: 1, 3, 5, 7, 14, 30, 60, 90/);
    await expect(run).rejects.toThrow(/e\.g\. platform-app:logRetentionDays: 90/);
  });

  it("refuses an erasure schedule that is not an EventBridge Scheduler expression", async () => {
    const run = appRunWith({ erasureSchedule: "0 3 * * *" });
    await expect(run).rejects.toThrow(/platform-app:erasureSchedule: not a valid EventBridge Scheduler expression/);
    await expect(run).rejects.toThrow(/e\.g\. platform-app:erasureSchedule: "cron\(0 3 \* \* \? \*\)"/);
  });

  it("refuses a Unix-style cron with both day fields set", async () => {
    await expect(appRunWith({ erasureSchedule: "cron(0 3 * * * *)" })).rejects.toThrow(/platform-app:erasureSchedule: .*exactly one of day-of-month and day-of-week must be "\?"/);
  });

  it("refuses a CPU/memory pair Fargate cannot run, naming the valid memory sizes", async () => {
    await expect(appRunWith({ cpu: "256", memory: "4096" })).rejects.toThrow(/platform-app:memory: Fargate does not run cpu 256 with memory 4096: with cpu 256, memory must be one of 512, 1024, 2048/);
  });

  it("refuses a desired count outside the autoscaling bounds", async () => {
    await expect(appRunWith({ desiredCount: "5", maxCount: "2" })).rejects.toThrow(/platform-app:desiredCount: needs minCount <= desiredCount <= maxCount/);
  });

  it("refuses a plain value where a Secrets Manager ARN belongs", async () => {
    await expect(appRunWith({ serviceSecrets: { API_TOKEN: "hunter2" } })).rejects.toThrow(/platform-app:serviceSecrets\.API_TOKEN: must be a Secrets Manager secret ARN/);
  });

  it("refuses a secret that would shadow a variable the platform sets", async () => {
    await expect(appRunWith({ serviceSecrets: { PORT: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x-AbCdEf" } })).rejects.toThrow(/platform-app:serviceSecrets: PORT is set by the platform/);
  });

  it("reports every mistake at once", async () => {
    const run = appRunWith({ logRetentionDays: "45", erasureSchedule: "daily" });
    await expect(run).rejects.toThrow(/logRetentionDays[\s\S]*erasureSchedule|erasureSchedule[\s\S]*logRetentionDays/);
  });

  it("refuses an image outside private ECR, which tasks without a NAT gateway cannot pull", async () => {
    await expect(appRunWith({ serviceBuildPath: undefined, serviceImageUri: "docker.io/library/nginx:1.27" })).rejects.toThrow(/platform-app:serviceImageUri: must be a private ECR image URI/);
  });

  it("refuses an ECR image in another region, naming the key and the region to replicate to", async () => {
    const uri = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${"0".repeat(64)}`;
    await expect(appRunWith({ serviceBuildPath: undefined, serviceImageUri: uri })).rejects.toThrow(/platform-app:serviceImageUri in stacks\/app\/Pulumi\.dev\.yaml is in eu-west-1[\s\S]*replicate the image to ap-northeast-1/);
  });

  it("refuses a region whose GuardDuty agent repository it does not know, naming the region, the file and the fix", async () => {
    const run = appRunWith({ "aws:region": "us-gov-west-1" });
    await expect(run).rejects.toThrow(/runs in us-gov-west-1 \(aws:region in stacks\/app\/Pulumi\.dev\.yaml\)/);
    await expect(run).rejects.toThrow(/add "us-gov-west-1": "<account id>" to GUARDDUTY_AGENT_ACCOUNTS/);
  });

  it("refuses a permissions boundary that is not an IAM policy ARN", async () => {
    await expect(appRunWith({ rolePermissionsBoundaryArn: "platform-workload-boundary" })).rejects.toThrow(/platform-app:rolePermissionsBoundaryArn: must be an IAM policy ARN/);
  });

  it("refuses an alias where a secrets KMS key ARN belongs", async () => {
    await expect(appRunWith({ serviceSecretsKmsKeyArns: ["alias/app"] })).rejects.toThrow(/platform-app:serviceSecretsKmsKeyArns\[0\]: must be a KMS key ARN/);
  });
});

describe("secrets under other keys", () => {
  it("lets the service execution role decrypt injected secrets with the configured extra keys", async () => {
    const key = "arn:aws:kms:ap-northeast-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666";
    const secret = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:app/token-AbCdEf";
    const runs = await appRunWith({ serviceSecrets: { API_TOKEN: secret }, serviceSecretsKmsKeyArns: [key] });
    const app = runs.app;
    if (app === undefined) throw new Error("the app stack did not run");
    const role = app.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === "service-execution");
    const policy = JSON.parse(String(plain<{ policy: string }>(role?.inputs).policy)) as { Statement: { Sid?: string; Resource: unknown }[] };
    const keys = outputsOf<{ dataKeyArn: string }>(runs.security);
    expect(policy.Statement.find((s) => s.Sid === "DecryptInjectedSecrets")?.Resource).toEqual([keys.dataKeyArn, key].sort());
  }, 120_000);
});
