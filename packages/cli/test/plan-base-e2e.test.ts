import { TempRepo } from "./support/temp-repo";

// `platform plan --base` end to end over real commits of a copy of this repository: the base ref
// is checked out in a temporary worktree and planned with the same code as the head.
let repo: TempRepo;
beforeAll(() => {
  repo = new TempRepo();
});
afterAll(() => repo?.remove());

test("an unchanged tree shows no diff, not even the image build context that differs between checkouts", () => {
  const { code, stdout, stderr } = repo.platform("plan", "--stack", "app", "--base", "HEAD", "--no-policy");
  expect(stderr).toMatch(/✓ app: \d+ resources/);
  expect(code).toBe(0);
  expect(stdout.slice(stdout.indexOf("Offline plan (dev): this change against HEAD:"))).toBe("Offline plan (dev): this change against HEAD:\n  app: no changes\n");
  expect(repo.leftovers()).toEqual([]);
  expect(repo.git("worktree", "list").trim().split("\n")).toHaveLength(1);
});

test("a VPC CIDR change is a replacement forced by cidrBlock, and everything in the VPC follows", () => {
  repo.git("checkout", "-q", "-B", "cidr", "main");
  repo.edit("stacks/network/Pulumi.dev.yaml", "platform-network:vpcCidr: 10.20.0.0/16", "platform-network:vpcCidr: 10.30.0.0/16");
  repo.commit("network: move the VPC to 10.30.0.0/16");
  const { code, stdout } = repo.platform("plan", "--stack", "network", "--base", "main", "--no-policy", "--format", "markdown");
  expect(code).toBe(0);
  expect(stdout).toMatch(/^## Offline plan \(dev\): this change against main\n/);
  const vpcRow = stdout.split("\n").find((l) => l.includes("| `vpc` | `aws:ec2/vpc:Vpc` |"));
  expect(vpcRow).toContain("| **replace** |");
  expect(vpcRow).toContain("forces replacement: `cidrBlock`<br>`cidrBlock`: `\"10.20.0.0/16\"` → `\"10.30.0.0/16\"`");
  // Subnets take the new VPC's id, which the provider cannot change in place.
  expect(stdout).toMatch(/\| \*\*replace\*\* \| `vpc-app-1` \| `aws:ec2\/subnet:Subnet` \| forces replacement: `cidrBlock`, `vpcId`<br>because `vpc` is replaced/);
  expect(stdout).not.toContain("| **delete** |");
});

test("a route table that does not compile is a failed stack, said first, with file and line, and nothing deleted", () => {
  repo.git("checkout", "-q", "-B", "broken", "main");
  repo.edit("stacks/network/src/private-vpc.ts", "tags: { Name: subnetName, Tier: tier } }, parent);", "tags: { Name: subnetName, Tier: tier } , parent);");
  repo.commit("network: break the route table");
  const { code, stdout, stderr } = repo.platform("plan", "--stack", "network", "--base", "main", "--no-policy", "--format", "markdown");
  expect(code).toBe(1);
  expect(stderr).toMatch(/✗ network: failed/);
  const summary = stdout.split("\n").find((l) => l.startsWith("| network |"));
  expect(summary).toMatch(/^\| network \| ❌ failed \| \? \| \? \| \? \| \? \| \? \(\d+ unknown\) \|/);
  const firstCallout = stdout.split("\n").findIndex((l) => l.startsWith("> [!"));
  expect(stdout.split("\n")[firstCallout + 1]).toMatch(/^> \*\*network\*\* failed: the program does not compile: stacks\/network\/src\/private-vpc\.ts:\d+:\d+: .*Its \d+ resources are unknown, not deleted\.$/);
  expect(stdout).toMatch(/stacks\/network\/src\/private-vpc\.ts:\d+:\d+: /);
  expect(stdout).not.toMatch(/\*\*delete\*\*|to delete|register-ts|node:internal|Caused by|backtrace/);
});
