import type { StackRun } from "@platform/offline";
import { UNKNOWN } from "@platform/offline/src/types";
import { progressLine } from "../src/commands/plan";
import type { PlanResult, PlanViolation, StackPlan } from "../src/plan/model";
import { renderPlanText } from "../src/plan/render-text";
import { glyphsFor } from "../src/terminal";

// A first preview leaves computed outputs unknown (the engine's sentinel on the wire); the plan
// text must read as `pulumi preview` prints them, and a stack that would block `up` is no tick.
const run = (outputs: Record<string, unknown>): StackRun => ({ stack: "edge", env: "dev", project: "platform-edge", outputs, resources: [] });
const planned = (outputs: Record<string, unknown>, violations: PlanViolation[] = []): StackPlan => ({ stack: "edge", status: "planned", run: run(outputs), violations, durationMs: 10 });
const mandatory: PlanViolation = { stack: "edge", policyPackName: "aws-platform", policyName: "lb-internal", enforcementLevel: "mandatory", urn: "urn:pulumi:dev::platform-edge::aws:lb/loadBalancer:LoadBalancer::alb", message: "internet-facing" };
const unicode = glyphsFor({ LANG: "en_US.UTF-8" });

describe("the plan text of a preview", () => {
  const plan: PlanResult = { env: "dev", stacks: [planned({ distributionId: UNKNOWN, nested: { arn: UNKNOWN, name: "n" } })], policyChecked: false, preview: true, durationMs: 10 };

  it("shows unknown outputs as [unknown], never the wire sentinel", () => {
    const text = renderPlanText(plan);
    expect(text).toContain('distributionId: [unknown]');
    expect(text).toContain('nested: {"arn":"[unknown]","name":"n"}');
    expect(text).not.toContain(UNKNOWN);
  });

  it("says it is a preview in its verdict", () => {
    expect(renderPlanText(plan)).toMatch(/^Offline preview of dev: 1 of 1 stacks planned/m);
    expect(renderPlanText({ ...plan, preview: undefined })).toMatch(/^Offline plan of dev:/m);
  });
});

describe("the progress line", () => {
  it("marks a stack with mandatory violations as failing, and a clean one with a tick", () => {
    expect(progressLine({ kind: "done", plan: planned({}, [mandatory]), quiet: false }, true, unicode)).toMatch(/^✗ edge: 0 resources, 1 mandatory violations/);
    expect(progressLine({ kind: "done", plan: planned({}), quiet: false }, true, unicode)).toMatch(/^✓ edge: 0 resources, 0 mandatory violations/);
  });
});
