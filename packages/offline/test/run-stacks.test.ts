import { isSecretValue, oneOf, plain, runStacks, type RecordedResource, type StackRun } from "../src";

function containsSecret(value: unknown): boolean {
  if (isSecretValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

describe("the offline runtime across the stack graph", () => {
  let runs: Partial<Record<string, StackRun>>;
  beforeAll(async () => {
    runs = await runStacks({ env: "dev", stacks: ["edge"] });
  });

  it("runs the edge stack after every stack it reads, directly or not", () => {
    expect(Object.keys(runs)).toEqual(["security", "network", "app", "edge"]);
  });

  it("keeps a secret output secret all the way into the downstream resource that uses it", () => {
    expect(isSecretValue(runs.app?.outputs.originVerifySecret)).toBe(true);
    const distribution = oneOf(runs.edge, "aws:cloudfront/distribution:Distribution");
    expect(containsSecret(distribution.inputs.origins)).toBe(true);
    const header = plain<{ customHeaders?: { name: string; value: string }[] }[]>(distribution.inputs.origins)
      .flatMap((o) => o.customHeaders ?? [])
      .find((h) => h.name === plain(runs.app?.outputs.originVerifyHeaderName));
    expect(header?.value).toBe(plain(runs.app?.outputs.originVerifySecret));
  });

  it("names every resource by the engine's URN rule: its component ancestors' types below the stack, then its own", () => {
    for (const run of Object.values(runs)) {
      const byUrn = new Map(run?.resources.map((r) => [r.urn, r]));
      for (const r of run?.resources ?? []) {
        const chain: string[] = [];
        for (let at: RecordedResource | undefined = r; at !== undefined && at.type !== "pulumi:pulumi:Stack"; at = at.parent ? byUrn.get(at.parent) : undefined) chain.unshift(at.type);
        if (r.type !== "pulumi:pulumi:Stack") expect(r.urn).toBe(`urn:pulumi:dev::${run?.project}::${chain.join("$")}::${r.name}`);
      }
    }
    // Resources two components deep exist in these stacks, so the whole chain is exercised.
    expect(Object.values(runs).some((run) => run?.resources.some((r) => r.urn.split("::")[2].split("$").length >= 3))).toBe(true);
  });

  it("records which resource each input came from", () => {
    const vpcOrigin = oneOf(runs.edge, "aws:cloudfront/vpcOrigin:VpcOrigin", "app-primary");
    const distribution = oneOf(runs.edge, "aws:cloudfront/distribution:Distribution");
    expect(distribution.propertyDependencies.origins).toContain(vpcOrigin.urn);
  });
});
