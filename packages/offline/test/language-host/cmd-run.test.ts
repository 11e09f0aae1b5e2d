import { STACKS, type StackName } from "@platform/wiring";
import { prepareStackRun, REPO_ROOT, referenceKey, referenceOutputs, runStacks, stackFiles, type RecordedResource, type StackRun } from "../../src";
import { runThroughLanguageHost, type HostedRun } from "./serve";

const ENV = "dev";
const ALL = Object.keys(STACKS) as StackName[];

/** What the offline plan and the engine path must agree on, per resource. */
function comparable(r: RecordedResource) {
  return { urn: r.urn, type: r.type, name: r.name, custom: r.custom, parent: r.parent, id: r.id, inputs: r.inputs, outputs: r.outputs, dependencies: [...r.dependencies].sort() };
}

/**
 * Every stack program of the dev environment, started as `pulumi up` starts it (cmd/run against a
 * gRPC monitor and engine, config in PULUMI_CONFIG), compared with the offline plan of the same
 * programs. All five run at once, each fed its upstreams' outputs from the offline plan.
 */
describe("stack programs on the Pulumi CLI's own path", () => {
  let offline: Partial<Record<StackName, StackRun>>;
  const hosted = new Map<StackName, HostedRun>();
  beforeAll(async () => {
    offline = await runStacks({ env: ENV, stacks: ALL });
    const upstreams = new Map(Object.entries(offline).map(([stack, run]) => [referenceKey(stack as StackName, ENV), referenceOutputs(run as StackRun)]));
    await Promise.all(
      ALL.map(async (stack) => {
        const input = { ...prepareStackRun(REPO_ROOT, stack, ENV), upstreams };
        hosted.set(stack, await runThroughLanguageHost(input, stackFiles(REPO_ROOT, stack, ENV).projectDir, { transpileOnly: true }));
      }),
    );
  }, 180_000);

  it.each(ALL)("%s registers the same resources, with the same URNs, parents, inputs and outputs", (stack) => {
    const viaCli = hosted.get(stack)?.resources.map(comparable).sort((a, b) => a.urn.localeCompare(b.urn));
    const planned = offline[stack]?.resources.map(comparable).sort((a, b) => a.urn.localeCompare(b.urn));
    expect(viaCli?.length).toBeGreaterThan(10);
    expect(viaCli).toEqual(planned);
  });

  it.each(ALL)("%s exports the same stack outputs", (stack) => {
    expect(hosted.get(stack)?.stackOutputs).toEqual(offline[stack]?.outputs);
  });
});
