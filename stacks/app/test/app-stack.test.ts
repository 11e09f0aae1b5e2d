import { oneOf, plain, resourcesOf, runStacks } from "@platform/offline";
import type { StackRun } from "@platform/offline/src/types";

let run: StackRun;

beforeAll(async () => {
  const runs = await runStacks({ env: "dev", stacks: ["app"] });
  run = runs.app as StackRun;
}, 120_000);

it("runs", () => {
  console.log(run.resources.map((r) => `${r.type} ${r.name}`).join("\n"));
  console.log(JSON.stringify(plain(run.outputs), null, 1));
  expect(resourcesOf(run, "aws:lb/loadBalancer:LoadBalancer")).toHaveLength(1);
  expect(oneOf(run, "aws:ecs/service:Service")).toBeDefined();
});
