/**
 * Messages a stack program logs with `pulumi.log.warn`. Under the mock runtime there is no
 * engine to send them to, so @pulumi/pulumi writes them to stderr as `warning: [runtime] <msg>`
 * (sdk/nodejs/log/index.ts, `warn`: `console.warn(\`warning: [runtime] ${msg}\`)` when
 * `getEngine()` is undefined); the worker's output is otherwise only shown when it crashes.
 */
const PREFIX = "warning: [runtime] ";

export function programWarnings(output: string): string[] {
  const warnings: string[] = [];
  for (const line of output.split("\n")) {
    if (line.startsWith(PREFIX)) warnings.push(line.slice(PREFIX.length));
  }
  return warnings;
}
