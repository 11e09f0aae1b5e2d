import { hasProject } from "@platform/offline";
import { STACK_NAMES } from "@platform/wiring";
import { runOfflinePlan } from "../src/plan/run-plan";
import { nodeProcessMs, timeMs, type Figure } from "./measure";

/**
 * The offline plan against its floor: one bare `node` process per stack that only loads
 * @pulumi/pulumi and @pulumi/aws, which every stack process must do before running anything.
 */
export async function benchPlan(repoRoot: string): Promise<Figure[]> {
  const stacks = STACK_NAMES.filter((s) => hasProject(repoRoot, s));
  const floor = stacks.reduce((sum) => sum + nodeProcessMs("require('@pulumi/pulumi'); require('@pulumi/aws')", repoRoot), 0);
  const programs = await timeMs(() => runOfflinePlan({ repoRoot, env: "dev", policy: false }));
  const full = await timeMs(() => runOfflinePlan({ repoRoot, env: "dev" }));
  const failed = [...programs.result.stacks, ...full.result.stacks].filter((s) => s.status === "failed").map((s) => s.stack);
  if (failed.length > 0) throw new Error(`the offline plan failed for: ${failed.join(", ")}; run npm start to see why`);
  const floorFigure = { name: `floor (${stacks.length} bare node processes loading @pulumi/pulumi + @pulumi/aws, sequential)`, value: floor };
  return [
    { name: `offline plan, ${stacks.length} stack programs (dev, --no-policy)`, value: programs.ms, unit: "ms", baseline: floorFigure, goal: "within 3x of the floor" },
    { name: "offline plan with the policy pack (dev, npm start)", value: full.ms, unit: "ms", baseline: floorFigure },
  ];
}
