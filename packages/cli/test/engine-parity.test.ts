import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { STACKS, type StackName } from "@platform/wiring";
import type { PolicyPackClient } from "@platform/analyzer";
import { isUnknown, oneOf, plain, prepareStackRun, REPO_ROOT, referenceKey, referenceOutputs, resourcesOf, runStacks, stackFiles, type RecordedResource, type StackRun } from "@platform/offline";
import { hasIdRule } from "@platform/offline/src/mocks/resources";
import type { PlanViolation } from "../src/plan/model";
import { checkStack, startPackForEnv } from "../src/plan/policy-check";
import { runThroughLanguageHost, type HostedRun } from "./language-host";

const ALL = Object.keys(STACKS) as StackName[];
const ENVS = ["dev", "prod"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The images the app's task definitions run, from their container definitions as AWS gets them. */
function taskImages(app: StackRun | undefined): string[] {
  return resourcesOf(app, "aws:ecs/taskDefinition:TaskDefinition").flatMap((td) =>
    (JSON.parse(plain<string>(td.inputs.containerDefinitions)) as { image?: string }[]).map((c) => String(c.image)),
  );
}

/**
 * Does the offline plan see what the Pulumi engine would? One file for every check that needs
 * the runs of every stack (each run costs seconds): ids and images after an up of each
 * environment, a first preview of dev against its up, and dev's programs on the CLI's own path.
 */
const runs: Record<string, Partial<Record<StackName, StackRun>>> = {};
let previewDev: Partial<Record<StackName, StackRun>>;
let pack: PolicyPackClient | undefined;
const packStarting = startPackForEnv(REPO_ROOT, "dev").then((p) => (pack = p));
beforeAll(async () => {
  for (const env of ENVS) runs[env] = await runStacks({ env, stacks: ALL });
  previewDev = await runStacks({ env: "dev", stacks: ALL, preview: true });
  await packStarting;
}, 300_000);
afterAll(async () => {
  await packStarting.catch(() => undefined);
  await pack?.close();
});

/** A fresh copy of the reference service's build context (without installed or built output). */
function copyOfServiceContext(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-context-"));
  fs.cpSync(path.join(REPO_ROOT, "stacks/app/service"), dir, { recursive: true, filter: (f) => !/[/\\](node_modules|dist)$/.test(f) });
  return dir;
}

describe("every stack of every environment, planned up-style", () => {
  it("gives every resource the provider creates a known, non-empty id of a shape a rule knows", () => {
    const offenders: string[] = [];
    for (const env of ENVS) {
      for (const run of Object.values(runs[env])) {
        for (const r of run?.resources ?? []) {
          if (!r.custom) continue;
          if (r.id === undefined || r.id === "" || isUnknown(r.id)) offenders.push(`${env} ${r.urn}: id ${JSON.stringify(r.id)}`);
          else if (!hasIdRule(r.type)) offenders.push(`${r.type}: no id rule in packages/offline/src/mocks/id-rules.ts`);
        }
      }
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it("gives ids the shapes AWS documents for them", () => {
    const security = runs.dev.security;
    expect(oneOf(security, "aws:guardduty/detector:Detector").id).toMatch(/^[0-9a-f]{32}$/);
    const edge = runs.dev.edge;
    for (const type of ["aws:cloudfront/cachePolicy:CachePolicy", "aws:cloudfront/originRequestPolicy:OriginRequestPolicy", "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy"]) {
      for (const r of resourcesOf(edge, type)) expect(r.id).toMatch(UUID);
    }
    for (const r of resourcesOf(runs.dev.network, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) expect(r.id).toMatch(/^sgr-[0-9a-f]{17}$/);
    // A resource that refers to another by id gets that resource's id, as the provider would return it.
    const detector = oneOf(security, "aws:guardduty/detector:Detector");
    for (const feature of resourcesOf(security, "aws:guardduty/detectorFeature:DetectorFeature")) expect(feature.id).toBe(`${detector.id}/${plain(feature.inputs.name)}`);
  });

  it("runs the app's tasks on the pushed image by digest, in the stack's own repository", () => {
    const app = runs.dev.app;
    const repositoryUrl = plain<string>(oneOf(app, "aws:ecr/repository:Repository").outputs.repositoryUrl);
    const images = taskImages(app);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(new RegExp(`^${repositoryUrl.replace(/[.]/g, "\\.")}@sha256:[0-9a-f]{64}$`));
  });

  it("pushes an image with another digest when a file of the build context changes", async () => {
    const context = copyOfServiceContext();
    fs.appendFileSync(path.join(context, "src/server.ts"), "\n// changed\n");
    const changed = await runStacks({ env: "dev", stacks: ["app"], config: { app: { serviceBuildPath: context } } });
    const [original] = taskImages(runs.dev.app);
    const [rebuilt] = taskImages(changed.app);
    expect(rebuilt.split("@")[0]).toBe(original.split("@")[0]);
    expect(rebuilt.split("@")[1]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rebuilt.split("@")[1]).not.toBe(original.split("@")[1]);
  });
});

/** What the offline plan and the engine path must agree on, per resource. */
function comparable(r: RecordedResource) {
  return { urn: r.urn, type: r.type, name: r.name, custom: r.custom, parent: r.parent, id: r.id, inputs: r.inputs, outputs: r.outputs, dependencies: [...r.dependencies].sort() };
}

/**
 * Every stack program of the dev environment, started as `pulumi up` starts it (cmd/run against a
 * gRPC monitor and engine, config in PULUMI_CONFIG; see language-host.ts for the sources),
 * compared with the offline plan of the same programs. All run at once, each fed its upstreams'
 * outputs from the offline plan; transpile-only, since `npm test` type-checks the programs.
 */
describe("stack programs on the Pulumi CLI's own path", () => {
  const hosted = new Map<StackName, HostedRun>();
  beforeAll(async () => {
    const offline = runs.dev;
    const upstreams = new Map(Object.entries(offline).map(([stack, run]) => [referenceKey(stack as StackName, "dev"), referenceOutputs(run as StackRun)]));
    await Promise.all(
      ALL.map(async (stack) => {
        const input = { ...prepareStackRun(REPO_ROOT, stack, "dev"), upstreams };
        hosted.set(stack, await runThroughLanguageHost(input, stackFiles(REPO_ROOT, stack, "dev").projectDir, { transpileOnly: true }));
      }),
    );
  }, 300_000);

  it.each(ALL)("%s registers the same resources, with the same URNs, parents, inputs and outputs", (stack) => {
    const byUrn = (a: { urn: string }, b: { urn: string }) => a.urn.localeCompare(b.urn);
    const viaCli = hosted.get(stack)?.resources.map(comparable).sort(byUrn);
    expect(viaCli?.length).toBeGreaterThan(10);
    expect(viaCli).toEqual(runs.dev[stack]?.resources.map(comparable).sort(byUrn));
  });

  it.each(ALL)("%s exports the same stack outputs", (stack) => {
    expect(hosted.get(stack)?.stackOutputs).toEqual(runs.dev[stack]?.outputs);
  });
});

describe("a first preview of dev, offline", () => {
  it("sees the id and computed outputs of every resource it would create as unknown", () => {
    for (const run of Object.values(previewDev)) {
      for (const r of run?.resources ?? []) if (r.custom && r.type !== "pulumi:pulumi:StackReference") expect([r.urn, isUnknown(r.id)]).toEqual([r.urn, true]);
    }
    const vpc = oneOf(previewDev.network, "aws:ec2/vpc:Vpc");
    expect(isUnknown(vpc.outputs.arn)).toBe(true);
    expect(vpc.inputs.cidrBlock).toBe(oneOf(runs.dev.network, "aws:ec2/vpc:Vpc").inputs.cidrBlock);
  });

  it("hands a dependent resource the unknown, and records where it came from", () => {
    const vpc = oneOf(previewDev.network, "aws:ec2/vpc:Vpc");
    const subnets = resourcesOf(previewDev.network, "aws:ec2/subnet:Subnet");
    expect(subnets.length).toBeGreaterThan(0);
    for (const subnet of subnets) {
      expect(isUnknown(subnet.inputs.vpcId)).toBe(true);
      expect(subnet.propertyDependencies.vpcId).toEqual([vpc.urn]);
    }
  });

  it("still reads StackReferences: downstream stacks see what their upstreams have deployed", () => {
    const reference = resourcesOf(previewDev.app, "pulumi:pulumi:StackReference").find((r) => String(plain(r.inputs.name)).endsWith("/platform-network/dev"));
    expect(reference).toBeDefined();
    expect(plain(reference?.outputs.outputs)).toEqual(referenceOutputs(runs.dev.network as StackRun).outputs);
    expect(Object.values(plain<Record<string, unknown>>(reference?.outputs.outputs)).some(isUnknown)).toBe(false);
  });

  it("gets the same policy decisions as an up from the pack, mandatory and advisory, on every stack", async () => {
    const decisions = (vs: PlanViolation[]) => vs.map((v) => `${v.enforcementLevel} ${v.policyName} ${v.urn} ${v.message}`).sort();
    for (const stack of ALL) {
      const client = pack as PolicyPackClient;
      const [inUp, inPreview] = await Promise.all([checkStack(client, stack, runs.dev[stack] as StackRun), checkStack(client, stack, previewDev[stack] as StackRun)]);
      expect([stack, decisions(inPreview)]).toEqual([stack, decisions(inUp)]);
      // @pulumi/policy's own report for a policy that touched an unknown (server.js: "can't run <policy> during preview").
      expect(inPreview.filter((v) => /can't run .* during preview/.test(v.message))).toEqual([]);
    }
  });
});
