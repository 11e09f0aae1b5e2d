import { oneOf, plain, resourcesOf, runStacks, type RecordedResource, type StackRun } from "@platform/offline";

const runs: Record<string, StackRun> = {};
const inputs = (r: RecordedResource) => plain<Record<string, unknown>>(r.inputs);
const trustOf = (r: RecordedResource) => JSON.parse(inputs(r).assumeRolePolicy as string) as { Statement: { Condition: { StringEquals: Record<string, string> } }[] };

beforeAll(async () => {
  for (const env of ["dev", "prod"]) runs[env] = (await runStacks({ env, stacks: ["bootstrap"] })).bootstrap as StackRun;
});

describe.each(["dev", "prod"] as const)("bootstrap (%s)", (env) => {
  const run = () => runs[env];

  it("creates the GitHub OIDC provider for the STS audience", () => {
    expect(inputs(oneOf(run(), "aws:iam/openIdConnectProvider:OpenIdConnectProvider"))).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
    });
  });

  it("trusts the preview role for pull requests and the drift check on main, and each deploy role for the environment on main", () => {
    const roles = resourcesOf(run(), "aws:iam/role:Role");
    expect(roles.map((r) => r.name).sort()).toEqual(["deploy-app", "deploy-edge", "deploy-network", "deploy-security", "preview"]);
    for (const role of roles) {
      expect(inputs(role).path).toBe("/platform-ci/");
      const conditions = trustOf(role).Statement[0].Condition.StringEquals;
      expect(conditions["token.actions.githubusercontent.com:aud"]).toBe("sts.amazonaws.com");
      if (role.name === "preview") {
        expect(conditions["token.actions.githubusercontent.com:sub"]).toEqual(["repo:acme/platform:pull_request", "repo:acme/platform:ref:refs/heads/main"]);
      } else {
        expect(conditions["token.actions.githubusercontent.com:sub"]).toBe(`repo:acme/platform:environment:${env}`);
        expect(conditions["token.actions.githubusercontent.com:ref"]).toBe("refs/heads/main");
      }
    }
  });

  it("gives the preview role ReadOnlyAccess without data reads", () => {
    expect(inputs(oneOf(run(), "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).policyArn).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
    const guard = JSON.parse(inputs(oneOf(run(), "aws:iam/rolePolicy:RolePolicy", "preview-no-data-reads")).policy as string);
    expect(guard.Statement.every((s: { Effect: string }) => s.Effect === "Deny")).toBe(true);
  });

  it("keeps state in a protected, versioned, KMS-encrypted, TLS-only, private bucket", () => {
    const bucket = oneOf(run(), "aws:s3/bucket:Bucket", "state");
    expect(inputs(oneOf(run(), "aws:s3/bucketVersioning:BucketVersioning", "state")).versioningConfiguration).toEqual({ status: "Enabled" });
    const sse = oneOf(run(), "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "state");
    expect(sse.propertyDependencies.rules).toContain(oneOf(run(), "aws:kms/key:Key", "state").urn);
    expect(inputs(oneOf(run(), "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "state")).restrictPublicBuckets).toBe(true);
    const policy = JSON.parse(inputs(oneOf(run(), "aws:s3/bucketPolicy:BucketPolicy", "state")).policy as string);
    expect(policy.Statement[0].Sid).toBe("DenyInsecureTransport");
    expect(bucket.urn).toContain("SecureBucket");
    expect(inputs(oneOf(run(), "aws:kms/key:Key", "state")).enableKeyRotation).toBe(true);
  });

  it("exports the login URL, secrets provider and role ARNs the contract names", () => {
    const outputs = plain<Record<string, unknown>>(run().outputs);
    expect(outputs.backendUrl).toMatch(/^s3:\/\/.+\?region=ap-northeast-1$/);
    expect(outputs.secretsProvider).toBe(`awskms://alias/pulumi-${env}?region=ap-northeast-1`);
    expect(Object.keys(outputs.deployRoleArns as Record<string, string>).sort()).toEqual(["app", "edge", "network", "security"]);
  });
});

describe("bootstrap options and mistakes", () => {
  it("uses an existing OIDC provider and creates no state resources when told so", async () => {
    const r = (await runStacks({ env: "dev", stacks: ["bootstrap"], config: { bootstrap: { oidcProvider: "existing", stateBucket: "false", secretsKey: "false" } } })).bootstrap as StackRun;
    expect(resourcesOf(r, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")).toHaveLength(0);
    expect(resourcesOf(r, "aws:s3/bucket:Bucket")).toHaveLength(0);
    expect(resourcesOf(r, "aws:kms/key:Key")).toHaveLength(0);
    const preview = trustOf(oneOf(r, "aws:iam/role:Role", "preview")) as unknown as { Statement: { Principal: { Federated: string } }[] };
    expect(preview.Statement[0].Principal.Federated).toBe("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
    expect(plain<Record<string, unknown>>(r.outputs).backendUrl).toBeUndefined();
  });

  it("exports the required permissions boundary for the stacks and requires it on the roles they create", async () => {
    const boundary = "arn:aws:iam::123456789012:policy/platform-workload-boundary";
    const r = (await runStacks({ env: "dev", stacks: ["bootstrap"], config: { bootstrap: { rolePermissionsBoundaryArn: boundary } } })).bootstrap as StackRun;
    expect(plain<Record<string, unknown>>(r.outputs).rolePermissionsBoundaryArn).toBe(boundary);
    const network = JSON.parse(inputs(oneOf(r, "aws:iam/rolePolicy:RolePolicy", "deploy-network")).policy as string) as { Statement: { Sid: string; Condition?: unknown }[] };
    expect(network.Statement.find((s) => s.Sid === "ManageWorkloadRoles")?.Condition).toEqual({ StringEquals: { "iam:PermissionsBoundary": boundary } });
    expect(network.Statement.find((s) => s.Sid === "KeepPermissionsBoundary")).toBeDefined();
  });

  it("names a repository that is not owner/repo, in the bootstrap's config file", async () => {
    await expect(runStacks({ env: "dev", stacks: ["bootstrap"], config: { bootstrap: { githubRepository: "acme/*" } } })).rejects.toThrow(
      /platform-bootstrap:githubRepository: must be owner\/repo as GitHub spells it \(got "acme\/\*"\)/,
    );
    await expect(runStacks({ env: "dev", stacks: ["bootstrap"], config: { bootstrap: { githubRepository: undefined } } })).rejects.toThrow(
      /platform-bootstrap:githubRepository: .*e\.g\. platform-bootstrap:githubRepository: acme\/platform/s,
    );
  });
});
