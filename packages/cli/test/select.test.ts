import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { selectStacks } from "../src/orchestrate/select";

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "platform-select-"));
  fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: platform-bootstrap\nruntime: nodejs\nstackConfigDir: bootstrap\n");
  const env = (dir: string, name: string) => {
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    fs.writeFileSync(path.join(root, dir, `Pulumi.${name}.yaml`), "config: {}\n");
  };
  for (const s of ["security", "network", "app", "edge"]) env(`stacks/${s}`, "dev");
  env("stacks/security", "prod");
  env("bootstrap", "prod");
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test("an environment no stack has is refused with the environments that exist", () => {
  expect(() => selectStacks(root, { env: "staging" })).toThrow('unknown environment "staging": no stack has a Pulumi.staging.yaml (environments: dev, prod)');
});

test("an unknown stack name is refused with the stacks of the graph, and the one meant when it is a typo", () => {
  expect(() => selectStacks(root, { env: "dev", stack: ["netwrk"] })).toThrow('unknown stack "netwrk". Did you mean "network"? Stacks: bootstrap, security, network, app, edge');
  expect(() => selectStacks(root, { env: "dev", stack: ["database"] })).toThrow('unknown stack "database". Stacks: bootstrap, security, network, app, edge');
});

test("a named stack without the environment's config file is refused, naming the file", () => {
  expect(() => selectStacks(root, { env: "prod", stack: ["security,app"] })).toThrow("no prod environment for app: stacks/app/Pulumi.prod.yaml does not exist");
});

test("all stacks run in graph order; one without the environment is skipped and said so", () => {
  const selection = selectStacks(root, { env: "prod" });
  expect(selection.stacks).toEqual(["security"]);
  expect(selection.skipped).toContainEqual({ stack: "network", reason: "no stacks/network/Pulumi.prod.yaml" });
});

test("the bootstrap is never part of a run unless named, even when it has the environment (destroy --env prod keeps the state bucket)", () => {
  const all = selectStacks(root, { env: "prod" });
  expect(all.stacks).not.toContain("bootstrap");
  expect(all.skipped[0]).toEqual({ stack: "bootstrap", reason: "runs only when named: add --stack bootstrap" });
  expect(selectStacks(root, { env: "prod", stack: ["bootstrap"] }).stacks).toEqual(["bootstrap"]);
  expect(selectStacks(root, { env: "prod", stack: ["bootstrap,security"] }).stacks).toEqual(["bootstrap", "security"]);
});

test("an empty --stack is refused rather than running nothing", () => {
  expect(() => selectStacks(root, { env: "dev", stack: [""] })).toThrow("--stack needs at least one stack name");
});

test("--affected needs --base, and --base needs --affected", () => {
  expect(() => selectStacks(root, { env: "dev", affected: true })).toThrow("--affected needs --base");
  expect(() => selectStacks(root, { env: "dev", base: "main" })).toThrow("--base only applies with --affected");
  expect(() => selectStacks(root, { env: "dev", affected: true, base: "main", stack: ["app"] })).toThrow("either --stack or --affected");
});
