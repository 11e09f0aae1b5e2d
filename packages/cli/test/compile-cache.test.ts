/**
 * Every stack program starts with V8's code cache on disk: its Pulumi.yaml preloads
 * compile-cache.js through `runtime.options.nodeargs`, which the Node.js language host puts on
 * node's command line before `@pulumi/pulumi/cmd/run`, in the program's folder (pulumi/pulumi
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go:929-955 execRuntime; pkg/engine/project.go:45-71
 * getPwdMain for the folder). Checked here by starting node exactly so, from each project.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { STACK_NAMES, STACKS } from "@platform/wiring";
import { hostedProgram } from "./language-host";

const REPO_ROOT = path.resolve(__dirname, "../../..");

function withoutCacheSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_COMPILE_CACHE: _dir, NODE_DISABLE_COMPILE_CACHE: _off, ...rest } = env;
  return rest;
}

describe.each(STACK_NAMES)("the %s program", (stack) => {
  const projectDir = path.join(REPO_ROOT, STACKS[stack].dir);
  const project = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { runtime: { options?: { nodeargs?: string } } };

  it("preloads compile-cache.js through nodeargs", () => {
    expect(project.runtime.options?.nodeargs).toBe("--require=@platform/components/compile-cache.js");
  });

  it("starts with the compile cache on, in the directory NODE_COMPILE_CACHE names", () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "compile-cache-test-"));
    try {
      const { pwd, nodeargs } = hostedProgram(projectDir);
      const child = spawnSync(process.execPath, [...nodeargs, "-e", "process.stdout.write(String(require('node:module').getCompileCacheDir()))"], {
        cwd: pwd,
        env: { ...withoutCacheSettings(process.env), NODE_COMPILE_CACHE: cacheDir },
        encoding: "utf8",
      });
      expect(child.stderr).toBe("");
      // Node keeps its entries in a subfolder per Node version and V8 flags.
      expect(child.stdout.startsWith(`${cacheDir}${path.sep}`)).toBe(true);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

test("the plan's cache entries are the ones a program under cmd/run accepts: the same V8 flags", () => {
  // cmd/run and run-policy-pack load the SDK's runtime/closure/v8Hooks.js before anything else
  // (cmd/run/index.js and cmd/run-policy-pack/index.js, initializeHooks), and it sets
  // --allow-natives-syntax; V8 rejects code cached under other flags. NODE_DEBUG_NATIVE=COMPILE_CACHE
  // makes Node say, for each module, whether the cached code was rejected.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "compile-cache-flags-"));
  try {
    const env = { ...withoutCacheSettings(process.env), NODE_COMPILE_CACHE: cacheDir };
    const bin = path.join(REPO_ROOT, "packages/cli/bin/platform.js");
    const plan = spawnSync(process.execPath, [bin, "plan", "--no-policy", "--stack", "security", "--format", "json"], { cwd: REPO_ROOT, env, encoding: "utf8" });
    expect(plan.status).toBe(0);
    const program = spawnSync(process.execPath, ["-e", "require('@pulumi/pulumi/runtime/closure/v8Hooks'); require('@pulumi/pulumi'); require('@pulumi/aws')"], {
      cwd: REPO_ROOT,
      env: { ...env, NODE_DEBUG_NATIVE: "COMPILE_CACHE" },
      encoding: "utf8",
    });
    const log = `${program.stdout}${program.stderr}`;
    expect(log).toMatch(/\[compile cache\]/);
    expect(log.split("\n").filter((l) => l.includes("was rejected"))).toEqual([]);
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});
