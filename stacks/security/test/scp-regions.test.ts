import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { readStackConfig, stackFiles } from "@platform/offline";
import { STACK_NAMES, STACKS, type StackName, type StackSpec } from "@platform/wiring";
import { securityConfig } from "../src/config";

/**
 * The region guardrail denies every regional action outside `allowedRegions`
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html,
 * "Deny access to AWS based on the requested AWS Region"). An allowed-regions list that leaves out
 * the region a stack runs in would deny that stack's own deploy. The lists checked are every one a
 * user would copy: the security stack's config (set or commented-out example) and its config example.
 */
const root = path.resolve(__dirname, "../../..");
const organization = securityConfig.schema.shape.organization;

function environments(stack: StackName): string[] {
  const spec: StackSpec = STACKS[stack];
  const dir = path.resolve(root, spec.configDir ?? spec.dir);
  return fs.readdirSync(dir).flatMap((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1] ?? []);
}

/** The `platform-security:organization` block of a config file, set or commented out as an example. */
function organizationBlocks(configPath: string): unknown[] {
  const text = fs.readFileSync(configPath, "utf8");
  const key = "platform-security:organization";
  const set = (parse(text) as { config?: Record<string, unknown> }).config?.[key];
  const lines = text.split("\n");
  const start = lines.findIndex((l) => new RegExp(`^\\s*#\\s*${key}:\\s*$`).test(l));
  const commented: unknown[] = [];
  if (start >= 0) {
    const body = lines.slice(start + 1);
    const end = body.findIndex((l) => !/^\s*#\s{3,}\S/.test(l));
    const block = (end < 0 ? body : body.slice(0, end)).map((l) => l.replace(/^\s*#/, ""));
    commented.push(parse(block.join("\n")));
  }
  return [...(set === undefined ? [] : [set]), ...commented];
}

const envs = [...new Set(STACK_NAMES.flatMap(environments))].sort();

describe.each(envs)("allowed regions in %s", (env) => {
  const regions = new Map<StackName, string>();
  for (const stack of STACK_NAMES) {
    if (!environments(stack).includes(env)) continue;
    const region = readStackConfig(stackFiles(root, stack, env), root).values["aws:region"];
    if (region !== undefined) regions.set(stack, region);
  }

  it("run every stack in one region", () => {
    expect(new Set(regions.values()).size).toBe(1);
  });

  const lists = environments("security").includes(env) ? organizationBlocks(stackFiles(root, "security", env).configPath) : [];
  const cases = [...lists, ...(env === "prod" ? [JSON.parse(securityConfig.examples.organization)] : [])];

  if (cases.length === 0) return;
  it.each(cases.map((c, i) => [i, c]))("include every stack's region, and us-east-1 for the edge stack (list %i)", (_i, block) => {
    const { allowedRegions } = organization.parse(block) as { allowedRegions: string[] };
    for (const [stack, region] of regions) expect({ stack, allowed: allowedRegions.includes(region) }).toEqual({ stack, allowed: true });
    // The edge stack's log delivery and alarm are regional CloudWatch calls in us-east-1 (stacks/edge/src/us-east-1.ts).
    if (regions.has("edge")) expect(allowedRegions).toContain("us-east-1");
  });
});
