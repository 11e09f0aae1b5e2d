import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { STACK_NAMES, STACKS } from "../src";

const ROOT = path.resolve(__dirname, "../../..");

function configOf(dir: string, env: string): Record<string, unknown> | undefined {
  const project = parse(fs.readFileSync(path.join(ROOT, dir, "Pulumi.yaml"), "utf8")) as { stackConfigDir?: string };
  const file = path.join(ROOT, dir, project.stackConfigDir ?? ".", `Pulumi.${env}.yaml`);
  return fs.existsSync(file) ? (parse(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> }).config : undefined;
}

it("declares each project's name and config folder as its Pulumi.yaml does", () => {
  for (const stack of STACK_NAMES) {
    const { dir, project } = STACKS[stack];
    const file = parse(fs.readFileSync(path.join(ROOT, dir, "Pulumi.yaml"), "utf8")) as { name: string; stackConfigDir?: string };
    expect([stack, file.name, file.stackConfigDir]).toEqual([stack, project, (STACKS[stack] as { configDir?: string }).configDir]);
  }
});

describe.each(["dev", "prod"])("the %s environment", (env) => {
  const configs = STACK_NAMES.map((stack) => [stack, configOf(STACKS[stack].dir, env)] as const);

  it("has a config file for every stack in the graph", () => {
    expect(configs.filter(([, c]) => c === undefined).map(([s]) => s)).toEqual([]);
  });

  // KMS keys, subnets and security groups are regional: a stack in another region than its
  // upstream cannot use what the upstream exports.
  it("puts every stack in one region", () => {
    const regions = new Set(configs.map(([, c]) => c?.["aws:region"]));
    expect([...regions]).toHaveLength(1);
  });

  it("tags every stack with the four default tags, naming the right stack and environment", () => {
    for (const [stack, config] of configs) {
      const tags = (config?.["aws:defaultTags"] as { tags: Record<string, string> }).tags;
      expect(Object.keys(tags).sort()).toEqual(["DataClassification", "Environment", "Owner", "Stack"]);
      expect(tags).toMatchObject({ Environment: env, Stack: stack });
    }
  });
});
