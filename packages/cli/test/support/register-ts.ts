import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** The `.ts` loader bin/platform.js registers. */
export const REGISTER_TS = path.resolve(__dirname, "../../bin/register-ts.js");

/**
 * The stack of the error that `require(file)` throws in a node process loading `.ts` through
 * REGISTER_TS: what a stack run reports for a program that throws while loading (run-in-process.ts).
 */
export function thrownByRequire(file: string, nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string {
  const probe = `try { require(${JSON.stringify(file)}); } catch (err) { process.stdout.write(String(err.stack)); }`;
  const child = spawnSync(process.execPath, [...nodeArgs, "-r", REGISTER_TS, "-e", probe], { encoding: "utf8", env });
  if (child.status !== 0 || child.stdout === "") throw new Error(`requiring ${file} threw nothing: ${child.stderr}`);
  return child.stdout;
}
