import * as path from "node:path";

/**
 * A stack program that does not compile fails in the `.ts` loader (packages/cli/bin/register-ts.js),
 * which throws a SyntaxError whose message is one `<file>:<line>:<column>: <text>` line per error
 * (`<file>: <text>` where swc gives no position); its stack adds the loader's and Node's frames.
 * The user needs the file, line and message only, with the file relative to the repository.
 */
const COMPILE_FAILED = /^SyntaxError: \S.*?\.ts(?::\d+:\d+)?: /;
const LOCATED = /^(?:SyntaxError: )?(\S.*?\.ts)(:\d+:\d+)?: (.*)$/;

export function compileErrors(message: string, repoRoot: string): string | undefined {
  if (!COMPILE_FAILED.test(message)) return undefined;
  const errors = message
    .split("\n")
    .map((line) => LOCATED.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, file, position, text]) => `${path.relative(repoRoot, file) || file}${position ?? ""}: ${text}`);
  return `the program does not compile: ${errors.join("\n")}`;
}

/** A failed stack's message as the user should see it, and whether it is theirs to fix. */
export function userFacingFailure(message: string, userError: boolean, repoRoot: string): { message: string; userError: boolean } {
  const compile = compileErrors(message, repoRoot);
  return compile === undefined ? { message, userError } : { message: compile, userError: true };
}
