import { STACKS, type StackName } from "@platform/wiring";

/**
 * A stack's config validation (packages/wiring/src/config.ts, loadConfig) blames the stack's
 * Pulumi.<env>.yaml, which is where values normally come from. A value given with
 * `--set <stack>.<key>=<value>` came from the command line instead: each problem about such a
 * key names the flag, and when every problem does, the file is not blamed at all.
 */
export function blameOverrides(message: string, stack: StackName, overrides: Readonly<Record<string, unknown>> | undefined): string {
  if (!overrides || Object.keys(overrides).length === 0 || !message.startsWith("Invalid config for the ")) return message;
  const project = STACKS[stack].project;
  const flags = new Map(Object.entries(overrides).map(([key, value]) => [key.includes(":") ? key : `${project}:${key}`, `--set ${stack}.${key}=${String(value)}`]));
  let problems = 0;
  let fromFlags = 0;
  const lines = message.split("\n").map((line) => {
    const problem = /^ {2}- ([\w-]+:[\w-]+)/.exec(line);
    if (!problem) return line;
    problems++;
    const flag = flags.get(problem[1]);
    if (flag === undefined) return line;
    fromFlags++;
    return `${line} [from ${flag}]`;
  });
  if (fromFlags === 0) return message;
  if (fromFlags < problems) return lines.join("\n");
  return lines
    .map((line) => line.replace(/ in \S*Pulumi\.[^.\s]+\.yaml; nothing was created:$/, " given with --set; nothing was created:"))
    .filter((line) => !line.startsWith("Fix the file, or run: pulumi config set"))
    .concat("Fix the --set value on the command line.")
    .join("\n");
}
