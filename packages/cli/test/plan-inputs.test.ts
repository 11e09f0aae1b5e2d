import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as swc from "@swc/core";
import { dependencyNote } from "../src/commands/plan";
import { assertKnownConfigNamespaces } from "../src/plan/config-namespaces";
import { planDiffModel, renderPlanMarkdown } from "../src/plan/diff-report";
import type { PlanResult } from "../src/plan/model";
import { programWarnings } from "../src/plan/program-log";
import { blameOverrides } from "../src/plan/set-overrides";
import { compileErrors } from "../src/plan/stack-errors";
import { parseStackNames } from "../src/stack-names";
import { thrownByRequire } from "./support/register-ts";

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "platform-test-"));

describe("a stack program that does not compile", () => {
  const root = tmp();
  const file = path.join(root, "stacks/network/src/private-vpc.ts");
  const broken = "    const table = new aws.ec2.RouteTable(name, { vpcId, tags: { Name: name } , parent);";
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `import * as aws from "@pulumi/aws";\n${broken}\n`);
  const thrown = thrownByRequire(file);

  it("is reported as file:line:column and swc's message, relative to the repository, without the loader's frames", () => {
    // swc's own words for the same source, from its raw report ("  x <text>" lines).
    const raw = (() => {
      try {
        swc.transformSync(fs.readFileSync(file, "utf8"), { filename: file, jsc: { parser: { syntax: "typescript" } } });
      } catch (err) {
        return String((err as Error).message);
      }
      throw new Error("swc compiled the broken file");
    })();
    const swcMessages = [...raw.matchAll(/^ {2}x (.*)$/gm)].map((m) => m[1]);
    expect(swcMessages.length).toBeGreaterThan(0);

    const reported = compileErrors(thrown, root);
    expect(reported).toMatch(new RegExp(`^the program does not compile: stacks/network/src/private-vpc\\.ts:2:${broken.indexOf(")") + 1}: `));
    for (const m of swcMessages) expect(reported).toContain(m);
    expect(reported?.split("\n")).toHaveLength(1);
    expect(reported).not.toMatch(/register-ts|node:internal| at |Caused by|backtrace|,-\[/);
  });

  it("names every place that does not compile, one line each", () => {
    const other = path.join(root, "stacks/network/src/two.ts");
    const lines = ["export class A {", "  constructor() {}", "  constructor(x: number) {}", "}", "export class B { constructor() {} constructor() {} }"];
    fs.writeFileSync(other, lines.join("\n"));
    expect(compileErrors(thrownByRequire(other), root)).toMatch(
      new RegExp(`^the program does not compile: stacks/network/src/two\\.ts:3:3: .+\nstacks/network/src/two\\.ts:5:${lines[4].lastIndexOf("constructor") + 1}: .+$`),
    );
  });

  it("leaves other failures alone", () => {
    expect(compileErrors("Invalid config for the network stack", "/repo")).toBeUndefined();
    expect(compileErrors(`SyntaxError: Unexpected token '}', "{"a": }" is not valid JSON\n    at JSON.parse (<anonymous>)`, "/repo")).toBeUndefined();
  });
});

test("warnings a program logs with pulumi.log.warn are picked out of the worker's output", () => {
  // @pulumi/pulumi log/index.js, warn(): console.warn(`warning: [runtime] ${msg}`) when there is no engine.
  expect(programWarnings("something\nwarning: [runtime] desiredCount 1 has no redundancy\nwarning: other\n")).toEqual(["desiredCount 1 has no redundancy"]);
});

describe("a config error from --set", () => {
  const message = [
    "Invalid config for the security stack in stacks/security/Pulumi.dev.yaml; nothing was created:",
    "  - platform-security:auditLogRetentionDays: Number must be greater than or equal to 1 (got 0)",
    "Fix the file, or run: pulumi config set <key> <value> -C stacks/security -s dev",
  ].join("\n");

  it("names the --set flag, not Pulumi.dev.yaml, when the value came from the flag", () => {
    const blamed = blameOverrides(message, "security", { auditLogRetentionDays: "0" });
    expect(blamed).toContain("platform-security:auditLogRetentionDays: Number must be greater than or equal to 1 (got 0) [from --set security.auditLogRetentionDays=0]");
    expect(blamed).not.toContain("Pulumi.dev.yaml");
    expect(blamed).toContain("Invalid config for the security stack given with --set");
  });

  it("still names the file for keys that came from it", () => {
    expect(blameOverrides(message, "security", { otherKey: "1" })).toBe(message);
  });
});

describe("config namespaces", () => {
  function repoWith(config: string): string {
    const root = tmp();
    fs.mkdirSync(path.join(root, "stacks/network"), { recursive: true });
    fs.mkdirSync(path.join(root, "node_modules/@pulumi/aws"), { recursive: true });
    fs.writeFileSync(path.join(root, "stacks/network/Pulumi.yaml"), "name: platform-network\nruntime: nodejs\n");
    fs.writeFileSync(path.join(root, "stacks/network/Pulumi.dev.yaml"), config);
    return root;
  }

  it("refuses a misspelled namespace, naming the file, the key and the fix", () => {
    const root = repoWith("config:\n  aws:region: ap-northeast-1\n  platfrom-network:azCount: \"3\"\n");
    expect(() => assertKnownConfigNamespaces(root, ["network"], "dev")).toThrow(
      'stacks/network/Pulumi.dev.yaml: platfrom-network:azCount: "platfrom-network" is neither this stack\'s project (platform-network) nor a provider, so nothing reads it; did you mean platform-network:azCount?',
    );
  });

  it("accepts the project's and installed providers' namespaces and keys without one", () => {
    const root = repoWith("config:\n  aws:region: ap-northeast-1\n  platform-network:azCount: \"3\"\n  vpcCidr: 10.0.0.0/16\n");
    expect(() => assertKnownConfigNamespaces(root, ["network"], "dev")).not.toThrow();
  });
});

test('--stack "" is refused instead of planning nothing', () => {
  expect(() => parseStackNames([""])).toThrow(/--stack needs at least one stack name/);
  expect(() => parseStackNames([" , "])).toThrow(/--stack needs at least one stack name/);
});

describe("a base planned with this checkout's node_modules", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "ignore" });
  const root = tmp();
  git(root, "init", "-q");
  fs.writeFileSync(path.join(root, "package-lock.json"), '{"lockfileVersion":3}\n');
  git(root, "add", "-A");
  git(root, "commit", "-qm", "base");

  it("is said in the comment when package-lock.json changed against the base", () => {
    expect(dependencyNote(root, "HEAD")).toBeUndefined();
    fs.writeFileSync(path.join(root, "package-lock.json"), '{"lockfileVersion":3,"packages":{}}\n');
    const note = dependencyNote(root, "HEAD");
    expect(note).toMatch(/^package-lock.json differs from HEAD: the base was planned with this checkout's node_modules/);
    const empty: PlanResult = { env: "dev", stacks: [], policyChecked: false, durationMs: 0 };
    expect(renderPlanMarkdown(empty, empty, { baseRef: "HEAD", notes: [note as string] })).toContain(`> [!NOTE]\n> ${note}`);
    expect(planDiffModel(empty, empty, { baseRef: "HEAD" }).notes).toBeUndefined();
  });
});
