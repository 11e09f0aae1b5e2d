import type { Command } from "commander";
import { UserError } from "../errors";
import type * as Report from "../report";

/** `--name file=stack` pairs, repeatable. */
function parseNames(values: readonly string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const value of values) {
    const at = value.lastIndexOf("=");
    if (at <= 0 || at === value.length - 1) throw new UserError(`--name "${value}" is not <file>=<stack name>, e.g. --name out/net.jsonl=network.`);
    names[value.slice(0, at)] = value.slice(at + 1);
  }
  return names;
}

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("one Markdown pull-request comment from saved Pulumi runs (event logs, events-API downloads, preview --json)")
    .argument("<files...>", "event logs, e.g. .platform/events/dev/*.jsonl")
    .option("--name <file=stack>", "stack name for a file (default: its file name)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--title <title>", "heading of the comment")
    .option("--fail-on-mandatory", "exit 1 when any stack has a mandatory policy violation")
    .action((files: string[], options: { name: string[]; title?: string; failOnMandatory?: boolean }) => {
      // Loaded when the command runs (main.ts): see commands/plan.ts for why every command keeps its imports light.
      const { countsOf, reportModelForFiles, renderReport } = require("../report") as typeof Report;
      const model = reportModelForFiles(files, { names: parseNames(options.name), ...(options.title ? { title: options.title } : {}) });
      process.stdout.write(renderReport(model));
      const mandatory = model.stacks.reduce((sum, s) => sum + countsOf(s).mandatory, 0);
      if (options.failOnMandatory && mandatory > 0) {
        process.stderr.write(`platform: ${mandatory} mandatory policy violation(s); see the report.\n`);
        process.exitCode = 1;
      }
    });
}
