import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { CONTRACTS, STACKS, isStackName, type StackName } from "@platform/wiring";
import { UserError } from "../errors";
import { addImport, appendArrayElement, appendObjectProperty, appendToExportList, assertParses } from "./source-edits";
import * as t from "./templates";

/** A stack name becomes a folder, a TypeScript identifier, a config namespace and a `--set` prefix. */
const NAME = /^[a-z]{2,24}$/;
const ENVIRONMENTS = ["dev", "prod"] as const;

export interface NewStackOptions {
  readonly repoRoot: string;
  readonly name: string;
  /** `<upstream>` (every key of its contract) or `<upstream>:<key>,<key>`. */
  readonly reads: readonly string[];
  /** One line: what the stack is for. */
  readonly description: string;
}

export interface NewStackResult {
  /** Every file written or changed, relative to the repository root. */
  readonly files: readonly string[];
}

function parseReads(reads: readonly string[]): [StackName, string[]][] {
  const parsed = new Map<StackName, string[]>();
  for (const read of reads) {
    const [upstream, keyList] = read.split(":", 2);
    if (!isStackName(upstream)) {
      throw new UserError(`--reads ${read}: "${upstream}" is not a stack in packages/wiring/src/graph.ts (stacks: ${Object.keys(STACKS).join(", ")}).`);
    }
    const known = Object.keys(CONTRACTS[upstream].schema.shape);
    const keys = keyList === undefined ? known : keyList.split(",").map((k) => k.trim()).filter(Boolean);
    const unknown = keys.filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      throw new UserError(`--reads ${read}: the ${upstream} contract (packages/wiring/src/contracts/${upstream}.ts) has no ${unknown.join(", ")}; it exports ${known.join(", ")}.`);
    }
    parsed.set(upstream, [...new Set([...(parsed.get(upstream) ?? []), ...keys])]);
  }
  return [...parsed];
}

function regionOf(repoRoot: string, env: string): string {
  for (const spec of Object.values(STACKS)) {
    const file = path.join(repoRoot, "configDir" in spec ? spec.configDir : spec.dir, `Pulumi.${env}.yaml`);
    if (!fs.existsSync(file)) continue;
    const region = (parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config?.["aws:region"];
    if (typeof region === "string") return region;
  }
  return "us-east-1";
}

function dependencyVersion(repoRoot: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, STACKS.network.dir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  return manifest.dependencies[name];
}

/**
 * Writes a new stack that plans offline and passes the policy pack: its Pulumi project, config
 * schema, program, test and README under stacks/<name>, its contract, and its entry in the graph.
 * Everything is computed and checked first; nothing is written when any of it fails.
 */
export function scaffoldStack(options: NewStackOptions): NewStackResult {
  const { repoRoot, name } = options;
  if (!NAME.test(name)) {
    throw new UserError(`"${name}" cannot be a stack name: use 2 to 24 lowercase letters (it becomes stacks/${name}, the identifier ${name} in the graph and the config namespace platform-${name}).`);
  }
  if (options.description.trim() === "") throw new UserError("--description must say in one line what the stack is for; the graph and `platform graph` show it.");
  if (isStackName(name)) throw new UserError(`the ${name} stack already exists in packages/wiring/src/graph.ts (${STACKS[name].dir}).`);
  const dir = path.join("stacks", name);
  if (fs.existsSync(path.join(repoRoot, dir))) throw new UserError(`${dir} already exists; remove it or pick another name.`);
  const spec: t.NewStackSpec = {
    name,
    description: options.description.trim().replace(/\.$/, ""),
    reads: parseReads(options.reads),
    regions: Object.fromEntries(ENVIRONMENTS.map((env) => [env, regionOf(repoRoot, env)])),
  };

  const graphFile = "packages/wiring/src/graph.ts";
  const contractsFile = "packages/wiring/src/contracts/index.ts";
  const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), "utf8");
  let graph = appendArrayElement(graphFile, read(graphFile), "STACK_NAMES", `"${name}"`);
  graph = appendObjectProperty(graphFile, graph, "STACKS", t.graphEntry(spec));
  let contracts = addImport(contractsFile, read(contractsFile), `import { ${t.contractName(name)} } from "./${name}";`);
  contracts = appendToExportList(contractsFile, contracts, t.contractName(name));
  contracts = appendObjectProperty(contractsFile, contracts, "CONTRACTS", `\n  ${name}: ${t.contractName(name)}`);

  const versions = { aws: dependencyVersion(repoRoot, "@pulumi/aws"), pulumi: dependencyVersion(repoRoot, "@pulumi/pulumi") };
  const files: [string, string][] = [
    [graphFile, graph],
    [contractsFile, contracts],
    [`packages/wiring/src/contracts/${name}.ts`, t.contractTs(spec)],
    [`${dir}/Pulumi.yaml`, t.pulumiYaml(spec)],
    ...ENVIRONMENTS.map((env): [string, string] => [`${dir}/Pulumi.${env}.yaml`, t.stackConfigYaml(spec, env)]),
    [`${dir}/tsconfig.json`, t.tsconfigJson()],
    [`${dir}/package.json`, t.packageJson(spec, versions)],
    [`${dir}/index.ts`, t.indexTs(spec)],
    [`${dir}/src/config.ts`, t.configTs(spec)],
    [`${dir}/test/${name}.test.ts`, t.stackTest(spec)],
    [`${dir}/README.md`, t.readme(spec)],
  ];
  for (const [file, text] of files) if (file.endsWith(".ts")) assertParses(file, text);
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(path.join(repoRoot, file)), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, file), text);
  }
  return { files: files.map(([file]) => file) };
}
