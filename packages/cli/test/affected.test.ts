import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { STACK_NAMES, withDownstreams } from "@platform/wiring";
import { affectedStacks } from "../src/affected";
import { computeAffected } from "../src/affected/compute";
import { readWorkspaceLayout } from "../src/affected/workspace";
import { UserError } from "../src/errors";

let repo: string;
const git = (...args: string[]): string => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), content);
}
const pkg = (name: string, deps: string[] = []): string => JSON.stringify({ name, dependencies: Object.fromEntries(deps.map((d) => [d, "*"])) });
const names = (base = "base"): string[] => affectedStacks({ base, cwd: repo }).stacks.map((s) => s.stack);

/** A miniature of this monorepo: the same stack folders, a shared util package only app uses (through a second one). */
beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "platform-affected-"));
  git("init", "-q", "-b", "main");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  write("package.json", JSON.stringify({ workspaces: ["packages/*", "policies", "bootstrap", "stacks/*"] }));
  write("package-lock.json", "{}");
  write("Pulumi.yaml", "name: platform-bootstrap\nruntime: nodejs\nstackConfigDir: bootstrap\n");
  write("bootstrap/package.json", pkg("@platform/bootstrap", ["@platform/wiring"]));
  write("packages/wiring/package.json", pkg("@platform/wiring"));
  write("packages/naming/package.json", pkg("@platform/naming"));
  write("packages/service-kit/package.json", pkg("@platform/service-kit", ["@platform/naming"]));
  write("packages/cli/package.json", pkg("@platform/cli", ["@platform/wiring"]));
  write("policies/package.json", pkg("@platform/policies"));
  write("policies/index.ts", "");
  for (const stack of ["security", "network", "app", "edge"]) {
    write(`stacks/${stack}/package.json`, pkg(`@platform/stack-${stack}`, stack === "app" ? ["@platform/wiring", "@platform/service-kit"] : ["@platform/wiring"]));
    write(`stacks/${stack}/index.ts`, "");
  }
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  git("tag", "base");
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

function onBranch(files: Record<string, string>, test: () => void): void {
  git("checkout", "-q", "-b", `change-${Object.keys(files).join("-").replace(/[^a-z]/gi, "")}`, "base");
  Object.entries(files).forEach(([f, c]) => write(f, c));
  git("add", "-A");
  git("commit", "-q", "-m", "change");
  try {
    test();
  } finally {
    git("checkout", "-q", "main");
  }
}

test("a change in a stack's folder affects it and everything downstream", () => {
  onBranch({ "stacks/network/index.ts": "// changed" }, () => expect(names()).toEqual(["network", "app", "edge"]));
});

test("a change in a workspace package a stack imports transitively affects that stack and its downstreams only", () => {
  onBranch({ "packages/naming/index.ts": "export {}" }, () => expect(names()).toEqual(["app", "edge"]));
});

test.each(["package-lock.json", "policies/index.ts", "packages/wiring/index.ts"])("a change to %s affects every stack", (file) => {
  onBranch({ [file]: "// changed" }, () => expect(names()).toEqual([...STACK_NAMES]));
});

test("the root Pulumi.yaml and bootstrap/ belong to the bootstrap stack", () => {
  onBranch({ "bootstrap/Pulumi.dev.yaml": "config: {}" }, () => expect(names()).toEqual(["bootstrap"]));
});

test("changes to the CLI itself affect no stack", () => {
  onBranch({ "packages/cli/src/x.ts": "" }, () => expect(affectedStacks({ base: "base", cwd: repo }).stacks).toEqual([]));
});

test("uncommitted and untracked files count as changes", () => {
  write("stacks/edge/new-file.ts", "");
  try {
    expect(names()).toEqual(["edge"]);
  } finally {
    fs.rmSync(path.join(repo, "stacks/edge/new-file.ts"));
  }
});

test("each stack says why it is affected", () => {
  onBranch({ "stacks/security/index.ts": "// x" }, () => {
    const result = affectedStacks({ base: "base", cwd: repo });
    expect(result.stacks[0]).toEqual({ stack: "security", reasons: ["stacks/security/index.ts changed"] });
    expect(result.stacks[1].reasons).toEqual(["downstream of security"]);
  });
});

test("a base ref that does not exist is a user error naming it", () => {
  expect(() => affectedStacks({ base: "origin/nope", cwd: repo })).toThrow(UserError);
  expect(() => affectedStacks({ base: "origin/nope", cwd: repo })).toThrow('--base "origin/nope" is not a commit');
});

test("documentation, tests and benchmarks affect no stack, wherever they live", () => {
  const files = ["stacks/network/README.md", "stacks/app/test/dev-stack.test.ts", "policies/test/s3.test.ts", "policies/bench/pack.ts", "policies/README.md"];
  expect(computeAffected(files, readWorkspaceLayout(repo))).toEqual([]);
  expect(computeAffected(["stacks/network/src/cidr.ts"], readWorkspaceLayout(repo)).map((a) => a.stack)).toEqual(["network", "app", "edge"]);
});

describe("per environment (--env)", () => {
  const layout = () => readWorkspaceLayout(repo);
  const affectedIn = (files: string[], env?: string) => computeAffected(files, layout(), env).map((a) => a.stack);

  test("a stack's Pulumi.<env>.yaml affects that stack (and its downstreams) only in that environment", () => {
    expect(affectedIn(["stacks/network/Pulumi.dev.yaml"], "dev")).toEqual(["network", "app", "edge"]);
    expect(affectedIn(["stacks/network/Pulumi.dev.yaml"], "prod")).toEqual([]);
    expect(affectedIn(["bootstrap/Pulumi.prod.yaml"], "dev")).toEqual([]);
    // Without --env, any environment's change counts (the pull-request preview's question).
    expect(affectedIn(["stacks/network/Pulumi.dev.yaml"])).toEqual(["network", "app", "edge"]);
  });

  test("the policy config of one environment affects every stack of that environment only; the pack's code affects all", () => {
    expect(affectedIn(["policies/config/prod.json"], "dev")).toEqual([]);
    expect(affectedIn(["policies/config/prod.json"], "prod")).toEqual(["bootstrap", "security", "network", "app", "edge"]);
    expect(affectedIn(["policies/src/s3.ts"], "dev")).toEqual(["bootstrap", "security", "network", "app", "edge"]);
  });

  test("through git: a committed change to stacks/app/Pulumi.dev.yaml deploys app in dev and nothing in prod", () => {
    onBranch({ "stacks/app/Pulumi.dev.yaml": "config: {}\n" }, () => {
      expect(affectedStacks({ base: "base", cwd: repo, env: "dev" }).stacks.map((s) => s.stack)).toEqual(["app", "edge"]);
      expect(affectedStacks({ base: "base", cwd: repo, env: "prod" }).stacks).toEqual([]);
    });
  });
});

describe("properties of the affected set", () => {
  const fileArb = fc.constantFrom(
    "stacks/security/a.ts", "stacks/network/a.ts", "stacks/app/a.ts", "stacks/edge/a.ts", "bootstrap/index.ts",
    "packages/naming/a.ts", "packages/cli/a.ts", "README.md", "policies/a.ts", "docs/x.md",
  );
  const layout = () => readWorkspaceLayout(repo);

  test("it is closed under downstream: whatever reads an affected stack is affected", () => {
    fc.assert(fc.property(fc.array(fileArb), (files) => {
      const affected = computeAffected(files, layout()).map((a) => a.stack);
      expect(withDownstreams(affected)).toEqual(affected);
    }));
  });

  test("more changed files never mean fewer affected stacks", () => {
    fc.assert(fc.property(fc.array(fileArb), fc.array(fileArb), (a, b) => {
      const small = computeAffected(a, layout()).map((x) => x.stack);
      const large = computeAffected([...a, ...b], layout()).map((x) => x.stack);
      expect(large).toEqual(expect.arrayContaining(small));
    }));
  });
});
