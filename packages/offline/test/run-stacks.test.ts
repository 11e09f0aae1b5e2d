import { isSecretValue, oneOf, plain, runStacks, type StackRun } from "../src";

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

  it("records which resource each input came from", () => {
    const vpcOrigin = oneOf(runs.edge, "aws:cloudfront/vpcOrigin:VpcOrigin", "app-primary");
    const distribution = oneOf(runs.edge, "aws:cloudfront/distribution:Distribution");
    expect(distribution.propertyDependencies.origins).toContain(vpcOrigin.urn);
  });
});
