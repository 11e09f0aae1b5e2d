/**
 * What each CI role of an environment is denied of what that environment's plan needs: the
 * deploy role of each stack against everything its stack creates and reads, the preview role
 * against every read of every stack.
 */
import { prepareStackRun, REPO_ROOT, type StackRun } from "@platform/offline";
import { ciRoles } from "./ci-role-policies";
import { DEPLOYED_STACKS, type EnvironmentPlan } from "./plans";
import { requiredRequests, type Mode, type RequiredRequest } from "./required-requests";
import { decide, type Principal } from "./simulate";

export interface Denial {
  readonly role: string;
  readonly neededBy: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: string;
}

const hasDefaultTags = (run: StackRun): boolean => prepareStackRun(REPO_ROOT, run.stack, run.env).config.values["aws:defaultTags"] !== undefined;

async function denials(role: string, principal: Principal, requests: readonly RequiredRequest[]): Promise<Denial[]> {
  const seen = new Set<string>();
  const denied: Denial[] = [];
  for (const request of requests) {
    const key = JSON.stringify([request.action, request.resource, request.context, request.resourcePolicy === undefined]);
    if (seen.has(key)) continue;
    seen.add(key);
    const decision = await decide(principal, request);
    if (decision !== "Allowed") denied.push({ role, neededBy: request.neededBy, action: request.action, resource: request.resource, decision });
  }
  return denied;
}

/** The requests of one role: a deploy role's own stack, or (preview) the reads of every stack. */
export async function requestsOf(plan: EnvironmentPlan, role: string): Promise<RequiredRequest[]> {
  const all = DEPLOYED_STACKS.map((s) => plan.runs[s]);
  const stacks = role === "preview" ? DEPLOYED_STACKS : DEPLOYED_STACKS.filter((s) => role === `deploy-${s}`);
  const mode: Mode = role === "preview" ? "preview" : "deploy";
  const perStack = await Promise.all(stacks.map((s) => requiredRequests(plan.runs[s], all, mode, hasDefaultTags(plan.runs[s]))));
  return perStack.flat();
}

const checked = new Map<string, Promise<Denial[]>>();

/** What a role is denied of its plan's needs, worked out once per environment and role. */
export function roleDenials(plan: EnvironmentPlan, role: string): Promise<Denial[]> {
  const key = `${plan.env}/${role}`;
  let denied = checked.get(key);
  if (denied === undefined) {
    denied = checkRole(plan, role);
    checked.set(key, denied);
  }
  return denied;
}

async function checkRole(plan: EnvironmentPlan, role: string): Promise<Denial[]> {
  const principal = ciRoles(plan.bootstrap).get(role);
  if (principal === undefined) throw new Error(`the bootstrap plan of ${plan.env} has no role ${role}`);
  return denials(role, principal, await requestsOf(plan, role));
}
