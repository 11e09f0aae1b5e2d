import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError } from "commander";
import { registerAffectedCommand } from "./commands/affected";
import { registerDriftCommand } from "./commands/drift";
import { registerGraphCommand } from "./commands/graph";
import { registerNewCommand } from "./commands/new-stack";
import { registerPlanCommand } from "./commands/plan";
import { registerPluginsCommand } from "./commands/plugins";
import { registerReportCommand } from "./commands/report";
import { registerRunCommands } from "./commands/run";
import { reportFatal, USER_ERROR_EXIT_CODE } from "./errors";

/** `platform 0.1.0 (@pulumi/pulumi 3.276.0, Node v24.x)`: what a bug report needs. */
export function versionText(): string {
  const versionOf = (file: string): string => (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  const own = versionOf(path.join(__dirname, "..", "package.json"));
  const sdk = versionOf(require.resolve("@pulumi/pulumi/package.json"));
  return `platform ${own} (@pulumi/pulumi ${sdk}, Node ${process.version})`;
}

export function buildProgram(): Command {
  const program = new Command("platform")
    .description("Run, preview and review the platform's Pulumi stacks in graph order.")
    .version(versionText(), "-V, --version", "print the version of platform, the Pulumi SDK and Node")
    .option("--no-color", "no colour in any output, also the engine's (the same as NO_COLOR=1)")
    .showHelpAfterError("(run `platform --help` for the commands)")
    .exitOverride();
  // Commands read NO_COLOR (https://no-color.org), so the flag and the variable are one switch.
  program.hook("preAction", () => {
    if (program.opts<{ color: boolean }>().color === false) process.env.NO_COLOR = "1";
  });
  registerGraphCommand(program);
  registerAffectedCommand(program);
  registerRunCommands(program);
  registerDriftCommand(program);
  registerReportCommand(program);
  registerPlanCommand(program);
  registerPluginsCommand(program);
  registerNewCommand(program);
  // Subcommands inherit exitOverride only when added after it is set on them.
  program.commands.forEach((command) => command.exitOverride());
  return program;
}

/** Runs the command line; every error ends here, so none prints a stack trace to a user. */
export async function main(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`platform plan | head`) closes the pipe: end quietly with the
  // command's exit code, as command-line tools do, instead of an unhandled EPIPE.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.exit();
  });
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (unknown option, missing argument, --help).
      process.exitCode = error.exitCode === 0 ? 0 : USER_ERROR_EXIT_CODE;
      return;
    }
    reportFatal(error, { writeErr: (t) => void process.stderr.write(t), setExitCode: (c) => (process.exitCode = c) });
  }
}

// `node -r ./packages/cli/bin/register-ts.js packages/cli/src/main.ts ...` runs it directly; bin/platform.js calls main() itself.
if (require.main === module) void main(process.argv.slice(2));
