import type { Command } from "commander";
import { UserError } from "../errors";
import { requiredPlugins } from "../plugins";
import { REPO_ROOT } from "../repo";

export function registerPluginsCommand(program: Command): void {
  program
    .command("plugins")
    .description("the provider plugins (exact versions) the lock file implies, one `<kind> <name> <version> [server]` a line for `pulumi plugin install`")
    .option("--format <format>", "text or json", "text")
    .action((options: { format: string }) => {
      if (options.format !== "text" && options.format !== "json") throw new UserError(`unknown --format "${options.format}" for plugins; use text or json.`);
      const plugins = requiredPlugins(REPO_ROOT);
      if (options.format === "json") process.stdout.write(`${JSON.stringify(plugins, null, 2)}\n`);
      else process.stdout.write(plugins.map((p) => [p.kind, p.name, p.version, ...(p.server ? [p.server] : [])].join(" ") + "\n").join(""));
    });
}
