import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { UserError } from "../errors";
import type * as DeployWorkflow from "../graph/deploy-workflow";
import { withReadmeGraph } from "../graph/readme";
import type * as Render from "../graph/render";
import { DEPLOY_WORKFLOW_FILE, REPO_ROOT } from "../repo";

export function registerGraphCommand(program: Command): void {
  program
    .command("graph")
    .description("the stack graph with the contract keys each stack reads")
    .option("--format <format>", "text, mermaid, json or dot (Graphviz)", "text")
    .option("--write-readme [file]", "rewrite the Mermaid block between the graph markers of README.md")
    .option("--write-workflow", `rewrite ${DEPLOY_WORKFLOW_FILE} (one role-and-deploy pair per stack, in graph order)`)
    .action((options: { format: string; writeReadme?: string | boolean; writeWorkflow?: boolean }) => {
      // Loaded when the command runs (main.ts): see commands/plan.ts for why every command keeps its imports light.
      const { renderGraphDot, renderGraphJson, renderGraphMermaid, renderGraphText } = require("../graph/render") as typeof Render;
      const { renderDeployWorkflow } = require("../graph/deploy-workflow") as typeof DeployWorkflow;
      if (options.writeWorkflow) {
        const file = path.join(REPO_ROOT, DEPLOY_WORKFLOW_FILE);
        fs.writeFileSync(file, renderDeployWorkflow());
        process.stdout.write(`Updated ${DEPLOY_WORKFLOW_FILE} from the stack graph\n`);
        return;
      }
      if (options.writeReadme !== undefined) {
        const file = typeof options.writeReadme === "string" ? path.resolve(options.writeReadme) : path.join(REPO_ROOT, "README.md");
        if (!fs.existsSync(file)) throw new UserError(`${file} does not exist; pass --write-readme <path to README.md>.`);
        fs.writeFileSync(file, withReadmeGraph(fs.readFileSync(file, "utf8"), file, renderGraphMermaid()));
        process.stdout.write(`Updated the stack graph in ${path.relative(process.cwd(), file) || file}\n`);
        return;
      }
      const renderers: Readonly<Record<string, () => string>> = { text: renderGraphText, mermaid: renderGraphMermaid, json: renderGraphJson, dot: renderGraphDot };
      if (!Object.hasOwn(renderers, options.format)) throw new UserError(`unknown --format "${options.format}" for graph; use ${Object.keys(renderers).join(", ")}.`);
      process.stdout.write(renderers[options.format]());
    });
}
