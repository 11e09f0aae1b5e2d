/** The files of a new stack, as text. Each one follows the existing stacks' layout. */

export interface NewStackSpec {
  readonly name: string;
  readonly description: string;
  /** Upstream stack -> the contract keys the new stack reads from it. */
  readonly reads: ReadonlyArray<readonly [string, readonly string[]]>;
  /** aws:region per environment, taken from the existing stacks. */
  readonly regions: Readonly<Record<string, string>>;
}

const capitalised = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;
export const contractName = (stack: string) => `${stack}Contract`;
const configName = (stack: string) => `${stack}Config`;
export const projectName = (stack: string) => `platform-${stack}`;

export function pulumiYaml(spec: NewStackSpec): string {
  return `name: ${projectName(spec.name)}
description: ${JSON.stringify(spec.description)}
runtime:
  name: nodejs
  options:
    typescript: true
    packagemanager: npm
    # V8's code cache on disk for the program's modules (packages/components/compile-cache.js).
    nodeargs: --require=@platform/components/compile-cache.js
`;
}

export function stackConfigYaml(spec: NewStackSpec, env: string): string {
  return `config:
  aws:region: ${spec.regions[env]}
  aws:defaultTags:
    tags:
      Environment: ${env}
      Stack: ${spec.name}
      Owner: platform-team
      DataClassification: internal
  ${projectName(spec.name)}:owner: platform-team
`;
}

export function tsconfigJson(): string {
  return `{
  "extends": "../../tsconfig.base.json",
  "include": ["index.ts", "src/**/*.ts"]
}
`;
}

export function packageJson(spec: NewStackSpec, versions: { readonly aws: string; readonly pulumi: string }): string {
  const manifest = {
    name: `@platform/stack-${spec.name}`,
    version: "0.1.0",
    private: true,
    main: "index.ts",
    dependencies: { "@platform/components": "*", "@platform/wiring": "*", "@pulumi/aws": versions.aws, "@pulumi/pulumi": versions.pulumi },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function configTs(spec: NewStackSpec): string {
  return `import { defineConfig, type ConfigOf } from "@platform/wiring";
import { z } from "zod";

export const ${configName(spec.name)} = defineConfig(
  "${spec.name}",
  {
    /** The team answering for this stack's resources; exported for the stacks that read it. */
    owner: z.string().regex(/^[a-z0-9-]+$/, "must be a lowercase team name (letters, digits, dashes)"),
  },
  {
    owner: "platform-team",
  },
);

export type ${capitalised(spec.name)}Config = ConfigOf<typeof ${configName(spec.name)}>;
`;
}

export function indexTs(spec: NewStackSpec): string {
  const upstreams = spec.reads.map(([u]) => `  await ctx.upstream("${u}");\n`).join("");
  const resolved = spec.reads.length === 0 ? "" : `  // Resolved before the first resource: an upstream missing a declared key stops the run with nothing created.\n${upstreams}`;
  return `/**
 * The ${spec.name} stack: ${spec.description}.
 * Resources: add them under src/ and create them here.
 * Exports: the ${spec.name} contract, packages/wiring/src/contracts/${spec.name}.ts.
 */
import { defineStack } from "@platform/wiring";
import { ${configName(spec.name)} } from "./src/config";

export = defineStack("${spec.name}", async (ctx) => {
  const config = ctx.config(${configName(spec.name)});
${resolved}
  return {
    owner: config.owner,
  };
});
`;
}

export function contractTs(spec: NewStackSpec): string {
  return `import { z } from "zod";
import { defineContract } from "../contract";

export const ${contractName(spec.name)} = defineContract("${spec.name}", {
  /** The team answering for the stack's resources. */
  owner: z.string(),
});
`;
}

export function graphEntry(spec: NewStackSpec): string {
  const reads = spec.reads.map(([u, keys]) => `      ${u}: [${keys.map((k) => JSON.stringify(k)).join(", ")}],\n`).join("");
  return `
  ${spec.name}: {
    name: "${spec.name}",
    dir: "stacks/${spec.name}",
    project: "${projectName(spec.name)}",
    description: ${JSON.stringify(spec.description)},
    reads: {${reads === "" ? "" : `\n${reads}    `}},
  }`;
}

export function stackTest(spec: NewStackSpec): string {
  return `import { ${contractName(spec.name)} } from "@platform/wiring";
import { plain, runStacks, type StackRun } from "@platform/offline";

const runs: Record<string, StackRun> = {};

beforeAll(async () => {
  for (const env of ["dev", "prod"]) runs[env] = (await runStacks({ env, stacks: ["${spec.name}"] })).${spec.name} as StackRun;
});

describe.each(["dev", "prod"])("${spec.name} stack (%s)", (env) => {
  it("exports what its contract declares", () => {
    expect(${contractName(spec.name)}.schema.parse(plain(runs[env].outputs))).toEqual({ owner: "platform-team" });
  });
});

it("refuses an owner that is not a team name, naming the key", async () => {
  await expect(runStacks({ env: "dev", stacks: ["${spec.name}"], config: { ${spec.name}: { owner: "Platform Team" } } })).rejects.toThrow(/${projectName(spec.name)}:owner/);
});
`;
}

export function readme(spec: NewStackSpec): string {
  const reads =
    spec.reads.length === 0
      ? `Reads no other stack (\`STACKS.${spec.name}.reads\` is empty)`
      : `Reads ${spec.reads.map(([u, keys]) => `\`${keys.join("`, `")}\` from ${u}`).join("; ")} (\`STACKS.${spec.name}.reads\`)`;
  return `# ${capitalised(spec.name)} stack (\`stacks/${spec.name}\`, project \`${projectName(spec.name)}\`)

${spec.description}.

## Reads and exports

${reads} in
[\`packages/wiring/src/graph.ts\`](../../packages/wiring/src/graph.ts). Its outputs are the
contract in [\`packages/wiring/src/contracts/${spec.name}.ts\`](../../packages/wiring/src/contracts/${spec.name}.ts).

## Run it

\`\`\`sh
npm start -- --stack ${spec.name}        # offline, after its upstreams
pulumi up -C stacks/${spec.name} -s dev  # for real, after its upstreams
npx jest stacks/${spec.name}             # this stack's tests
\`\`\`

## Config

| key | example | what |
| --- | --- | --- |
| \`${projectName(spec.name)}:owner\` | \`platform-team\` | the team answering for the stack's resources |
`;
}
