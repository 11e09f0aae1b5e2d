import { execFileSync } from "node:child_process";
import * as path from "node:path";
import type { Command } from "commander";
import { REPO_ROOT } from "../repo";
import type * as Scaffold from "../scaffold/new-stack";

const BIN = path.resolve(__dirname, "../../bin/platform.js");

export function registerNewCommand(program: Command): void {
  const create = program.command("new").description("scaffold something new in the repository");
  create
    .command("stack <name>")
    .description("a new stack: Pulumi project, config schema, program, test, README, contract and graph entry; it plans offline and passes the policy pack as written")
    .option("-r, --reads <upstreams...>", "upstream stacks it reads, as <stack> (every key of its contract) or <stack>:<key>,<key>", [])
    .requiredOption("-d, --description <text>", "what the stack is for, in one line (the graph and `platform graph` show it)")
    .exitOverride()
    .action((name: string, opts: { reads: string[]; description: string }) => {
      // Loaded on use: the scaffold needs the TypeScript compiler, which no other command loads.
      const { scaffoldStack } = require("../scaffold/new-stack") as typeof Scaffold;
      const { files } = scaffoldStack({ repoRoot: REPO_ROOT, name, reads: opts.reads, description: opts.description });
      // A fresh process reads the graph as just written; this one loaded the old one.
      for (const write of ["--write-readme", "--write-workflow"]) execFileSync(process.execPath, [BIN, "graph", write], { cwd: REPO_ROOT, stdio: "ignore" });
      process.stdout.write(
        [
          `Created the ${name} stack:`,
          ...files.map((f) => `  ${f}`),
          "  README.md (the stack graph)",
          "  .github/workflows/deploy-environment.yml (its role-and-deploy pair)",
          "",
          "Next:",
          "  npm install                      # adds the new workspace to package-lock.json (npm ci refuses a stale lock)",
          `  npm start -- --stack ${name}     # plan it offline with its upstreams, checked by the policy pack`,
          `  bootstrap/src/deploy-permissions.ts: give STACK_PERMISSIONS a "${name}" entry; the bootstrap derives one deploy role per graph stack,`,
          "                                   and tsc fails until that role's permissions are declared",
          `  then set the GitHub environment variable DEPLOY_ROLE_ARN_${name.toUpperCase()} to the bootstrap's deployRoleArns.${name} output`,
          "",
        ].join("\n"),
      );
    });
}
