import * as readline from "node:readline/promises";
import { UserError } from "../errors";
import type { Confirm, Operation } from "./types";

/**
 * How up/destroy get their yes: `--yes` answers for every stack; otherwise each stack's preview
 * is shown and the person at the terminal answers. Without a terminal nobody can answer, so the
 * run is refused before anything is touched, the way `pulumi up` refuses with
 * "--yes must be passed in to proceed when running in non-interactive mode".
 */
export function confirmationFor(operation: Operation, options: { yes: boolean; interactive: boolean }, ask: Confirm): Confirm | undefined {
  if (operation !== "up" && operation !== "destroy") return undefined;
  if (options.yes) return undefined;
  if (!options.interactive) {
    const what = operation === "up" ? "deploys" : "destroys";
    throw new UserError(
      `platform ${operation} ${what} real infrastructure and asks before each stack, but there is no terminal to answer (stdin is not a TTY). ` +
        `Run it in a terminal to see each preview and confirm, or pass --yes to ${operation} without asking (as the deploy workflow does).`,
    );
  }
  return ask;
}

/** Asks on stderr (stdout stays for output); only "y" or "yes" is a yes. */
export const askOnTerminal: Confirm = async (question) => {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^\s*y(es)?\s*$/i.test(await rl.question(`${question} [y/N] `));
  } finally {
    rl.close();
  }
};
