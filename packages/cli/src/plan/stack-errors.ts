import * as path from "node:path";

/**
 * A stack program that does not compile fails inside esbuild-register, whose error is
 * `Transform failed with N error(s):` followed by one `<file>:<line>:<column>: ERROR: <text>`
 * line per error and then esbuild's own stack frames (esbuild lib/main.js, failureErrorWithLog).
 * The user needs the file, line and message only.
 */
const TRANSFORM_FAILED = /^(?:Error: )?Transform failed with \d+ errors?:\n/;
const LOCATED = /^(.+?):(\d+):(\d+): ERROR: (.*)$/;

export function compileErrors(message: string, repoRoot: string): string | undefined {
  if (!TRANSFORM_FAILED.test(message)) return undefined;
  const errors = message
    .split("\n")
    .map((line) => LOCATED.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, file, line, column, text]) => `${path.relative(repoRoot, file) || file}:${line}:${Number(column) + 1}: ${text}`);
  return errors.length > 0 ? `the program does not compile: ${errors.join("\n")}` : undefined;
}

/** A failed stack's message as the user should see it, and whether it is theirs to fix. */
export function userFacingFailure(message: string, userError: boolean, repoRoot: string): { message: string; userError: boolean } {
  const compile = compileErrors(message, repoRoot);
  return compile === undefined ? { message, userError } : { message: compile, userError: true };
}
