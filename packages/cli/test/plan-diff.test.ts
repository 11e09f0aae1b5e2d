import fc from "fast-check";
import { SECRET_SIG, SECRET_SIG_KEY } from "@platform/offline/src/types";
import { diffPlans, type DiffablePlan, type DiffableStack } from "../src/plan/diff";
import { renderReport } from "../src/report";

type Resource = DiffableStack["resources"][number];
const res = (name: string, inputs: Record<string, unknown>, type = "aws:ec2/securityGroup:SecurityGroup"): Resource => ({
  urn: `urn:pulumi:dev::platform-network::${type}::${name}`,
  type,
  name,
  inputs,
});
const planOf = (stacks: DiffableStack[]): DiffablePlan => ({ env: "dev", stacks });

test("added, removed and changed resources become create, delete and update with the differing input paths", () => {
  const base = planOf([{ stack: "network", resources: [res("sg", { ingress: [{ fromPort: 443, cidr: ["10.0.0.0/8"] }], name: "a" }), res("logs", {}, "aws:cloudwatch/logGroup:LogGroup"), res("same", { x: 1 })], violations: [] }]);
  const head = planOf([{ stack: "network", resources: [res("sg", { ingress: [{ fromPort: 80, cidr: ["10.0.0.0/8", "10.1.0.0/16"] }], name: "a", tags: { a: "b" } }), res("same", { x: 1 }), res("new", {})], violations: [] }]);
  const [network] = diffPlans(base, head).stacks;
  const byName = Object.fromEntries(network.resources.map((r) => [r.name, r]));
  expect(byName.sg).toMatchObject({ op: "update", changedPaths: ["ingress[0].cidr[1]", "ingress[0].fromPort", "tags"] });
  expect(byName.logs).toMatchObject({ op: "delete", holdsData: true });
  expect(byName.new.op).toBe("create");
  expect(byName.same.op).toBe("same");
});

test("secrets compare by value and their paths do not reveal inside them", () => {
  const secret = (value: string) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
  const base = planOf([{ stack: "app", resources: [res("cfg", { header: secret("a") })], violations: [] }]);
  const same = planOf([{ stack: "app", resources: [res("cfg", { header: secret("a") })], violations: [] }]);
  const changed = planOf([{ stack: "app", resources: [res("cfg", { header: secret("b") })], violations: [] }]);
  expect(diffPlans(base, same).stacks[0].resources[0].op).toBe("same");
  expect(diffPlans(base, changed).stacks[0].resources[0].changedPaths).toEqual(["header"]);
});

test("policy violations the change introduces and fixes are told apart", () => {
  const v = (policyName: string) => ({ urn: "urn:pulumi:dev::p::aws:s3/bucketV2:BucketV2::b", policyName, enforcementLevel: "mandatory" as const, message: `${policyName} failed` });
  const base = planOf([{ stack: "app", resources: [], violations: [v("kept"), v("fixed")] }]);
  const head = planOf([{ stack: "app", resources: [], violations: [v("kept"), v("introduced")] }]);
  const [app] = diffPlans(base, head).stacks;
  expect(app.violations.map((x) => x.policyName)).toEqual(["introduced"]);
  expect(app.fixedViolations?.map((x) => x.policyName)).toEqual(["fixed"]);
  const report = renderReport(diffPlans(base, head));
  expect(report).toContain("#### Policy violations introduced");
  expect(report).toContain("#### Policy violations fixed");
});

test("stacks come out in graph order, including ones only the base had", () => {
  const base = planOf([{ stack: "edge", resources: [res("cdn", {})], violations: [] }]);
  const head = planOf([{ stack: "app", resources: [], violations: [] }, { stack: "security", resources: [], violations: [] }]);
  const model = diffPlans(base, head);
  expect(model.stacks.map((s) => s.stack)).toEqual(["security", "app", "edge"]);
  expect(model.stacks[2].resources[0].op).toBe("delete");
});

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
const inputsArb = fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), jsonValue, { maxKeys: 5 });
const resourcesArb = fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), inputs: inputsArb }), { selector: (r) => r.name, maxLength: 8 });

test("a plan compared with itself has no changes", () => {
  fc.assert(
    fc.property(resourcesArb, (rs) => {
      const plan = planOf([{ stack: "app", resources: rs.map((r) => res(r.name, r.inputs)), violations: [] }]);
      expect(diffPlans(plan, plan).stacks[0].resources.every((r) => r.op === "same")).toBe(true);
    }),
  );
});

test("swapping base and head swaps creates with deletes and keeps the changed paths", () => {
  fc.assert(
    fc.property(resourcesArb, resourcesArb, (a, b) => {
      const pa = planOf([{ stack: "app", resources: a.map((r) => res(r.name, r.inputs)), violations: [] }]);
      const pb = planOf([{ stack: "app", resources: b.map((r) => res(r.name, r.inputs)), violations: [] }]);
      const forward = diffPlans(pa, pb).stacks[0].resources;
      const backward = diffPlans(pb, pa).stacks[0].resources;
      const pick = (rs: typeof forward, op: string) => rs.filter((r) => r.op === op).map((r) => r.urn).sort();
      expect(pick(forward, "create")).toEqual(pick(backward, "delete"));
      expect(pick(forward, "delete")).toEqual(pick(backward, "create"));
      const paths = (rs: typeof forward) => Object.fromEntries(rs.filter((r) => r.op === "update").map((r) => [r.urn, r.changedPaths]));
      expect(paths(forward)).toEqual(paths(backward));
    }),
  );
});

describe("replacements", () => {
  const vpcUrn = "urn:pulumi:dev::platform-network::aws:ec2/vpc:Vpc::vpc";
  const withDeps = (r: Resource, propertyDependencies: Record<string, string[]>): Resource => ({ ...r, propertyDependencies });

  it("a changed force-new input replaces the resource, and resources fed by it change too, replaced when the fed input is force-new", () => {
    const vpc = (cidrBlock: string) => res("vpc", { cidrBlock }, "aws:ec2/vpc:Vpc");
    const subnet = withDeps(res("app-1", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/20" }, "aws:ec2/subnet:Subnet"), { vpcId: [vpcUrn] });
    const igw = withDeps(res("igw", { vpcId: "vpc-1" }, "aws:ec2/internetGateway:InternetGateway"), { vpcId: [vpcUrn] });
    const base = planOf([{ stack: "network", resources: [vpc("10.0.0.0/16"), subnet, igw], violations: [] }]);
    const head = planOf([{ stack: "network", resources: [vpc("10.1.0.0/16"), subnet, igw], violations: [] }]);
    const byName = Object.fromEntries(diffPlans(base, head).stacks[0].resources.map((r) => [r.name, r]));
    expect(byName.vpc).toMatchObject({ op: "replace", replaceReasons: ["cidrBlock"], changes: [{ path: "cidrBlock", before: '"10.0.0.0/16"', after: '"10.1.0.0/16"' }] });
    expect(byName["app-1"]).toMatchObject({ op: "replace", replaceReasons: ["vpcId"], replacedReferences: ["vpc"] });
    // aws_internet_gateway's vpc_id is not ForceNew: the gateway is detached and re-attached in place.
    expect(byName.igw).toMatchObject({ op: "update", changedPaths: ["vpcId"], replacedReferences: ["vpc"] });
  });

  it("shows old and new values with secrets masked", () => {
    const secret = (value: string) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
    const base = planOf([{ stack: "app", resources: [res("cfg", { header: secret("hunter2"), port: 80 })], violations: [] }]);
    const head = planOf([{ stack: "app", resources: [res("cfg", { header: secret("hunter3"), port: 443 })], violations: [] }]);
    const [cfg] = diffPlans(base, head).stacks[0].resources;
    expect(cfg.changes).toEqual([{ path: "header", before: "[secret]", after: "[secret]" }, { path: "port", before: "80", after: "443" }]);
    expect(renderReport(diffPlans(base, head))).not.toMatch(/hunter/);
  });
});

describe("violations fixed", () => {
  const listener = "urn:pulumi:dev::platform-app::aws:lb/listener:Listener::http";
  const v = (policyName: string, enforcementLevel: "mandatory" | "advisory", control?: string, urn = listener) => ({ urn, policyName, enforcementLevel, message: policyName, ...(control ? { control } : {}) });

  it("are only violations really gone: an ALB turned internet-facing does not fix lb-vpc-origin-plain-http, it makes it mandatory", () => {
    const base = planOf([{ stack: "app", resources: [], violations: [v("lb-vpc-origin-plain-http", "advisory", "ELB.1"), v("retired-rule", "advisory", "EC2.2")] }]);
    const head = planOf([{ stack: "app", resources: [], violations: [v("lb-listener-https", "mandatory", "ELB.1")] }]);
    const [app] = diffPlans(base, head).stacks;
    expect(app.fixedViolations?.map((x) => x.policyName)).toEqual(["retired-rule"]);
    expect(app.violations).toEqual([expect.objectContaining({ policyName: "lb-listener-https", control: "ELB.1" })]);
  });

  it("none are fixed by a stack that failed to plan", () => {
    const base = planOf([{ stack: "app", resources: [res("sg", {})], violations: [v("lb-vpc-origin-plain-http", "advisory", "ELB.1")] }]);
    const head = planOf([{ stack: "app", resources: [], violations: [], failure: "boom" }]);
    expect(diffPlans(base, head).stacks[0]).toMatchObject({ failure: "boom", unknownResources: 1, resources: [], fixedViolations: [] });
  });
});
