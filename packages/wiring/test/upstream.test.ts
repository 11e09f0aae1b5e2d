import { readStackConfig, referenceKey, REPO_ROOT, runStackInProcess, stackFiles } from "@platform/offline";

// The network stack reads `logsKeyArn` from the security stack; feed it broken security outputs.
async function networkReading(security: { outputs: Record<string, unknown>; secretOutputNames: string[] }): Promise<string> {
  const files = stackFiles(REPO_ROOT, "network", "dev");
  const config = readStackConfig(files, REPO_ROOT);
  const upstreams = new Map([[referenceKey("security", "dev"), security]]);
  try {
    await runStackInProcess({ stack: "network", env: "dev", project: files.project, programPath: files.programPath, config, upstreams, organization: "organization" });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("the network stack ran although its upstream was broken");
}

describe("reading an upstream stack", () => {
  it("names the upstream, the missing key and the command that deploys it", async () => {
    const message = await networkReading({ outputs: {}, secretOutputNames: [] });
    expect(message).toBe(
      "The network stack cannot read the security stack (organization/platform-security/dev):\n" +
        "  - logsKeyArn: missing\n" +
        "Deploy security first: pulumi up -C stacks/security -s dev   (or: npx platform up --stack security --env dev)",
    );
  });

  it("says an output of the wrong type comes from an older deployment, without printing a secret", async () => {
    const message = await networkReading({ outputs: { logsKeyArn: 4242 }, secretOutputNames: ["logsKeyArn"] });
    expect(message).toMatch(/logsKeyArn: .*\(got \[secret\]\)/);
    expect(message).not.toContain("4242");
    expect(message).toMatch(/security exports outputs in an older shape; deploy it from this commit: pulumi up -C stacks\/security -s dev/);
  });
});
