/**
 * Exemptions: a reviewed list, in the `--policy-pack-config` file, of known violations a team
 * accepts for one resource until a date. The list is the config property `exemptions` of the
 * pack's `policy-exemptions` entry, so it reaches the pack through the plain Pulumi CLI with any
 * backend, and the CLI validates its shape against EXEMPTIONS_SCHEMA before the pack starts
 * (pulumi/pulumi pkg/resource/analyzer/config.go ValidatePolicyPackConfig, gojsonschema).
 *
 * An exemption never hides a finding: an exempted violation is reported as an advisory that says
 * "exempted" with its reason, owner and expiry; an expired exemption is itself a mandatory
 * violation; an exemption that matches nothing in the stack is reported so it gets removed.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

export const EXEMPTIONS_POLICY = "policy-exemptions";

export interface Exemption {
  /** Position in the list, as the file reader sees it: `exemptions[3]`. */
  readonly index: number;
  readonly policy: string;
  /** Glob over the whole URN; or the stack (and project) with the type and name, each a glob. */
  readonly urn?: string;
  readonly stack?: string;
  readonly project?: string;
  readonly type?: string;
  readonly name?: string;
  readonly reason: string;
  readonly owner: string;
  /** Last day (UTC) the exemption applies, YYYY-MM-DD. */
  readonly expires: string;
}

const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
const text = (description: string): PolicyConfigJSONSchema => ({ type: "string", minLength: 1, description });

/** JSON schema of one entry; the Pulumi CLI checks the file against it, `parseExemptions` says why. */
export const EXEMPTION_SCHEMA: PolicyConfigJSONSchema = {
  type: "object",
  additionalProperties: false,
  required: ["policy", "reason", "owner", "expires"],
  properties: {
    policy: text("Name of the policy whose violation is accepted."),
    urn: text("Glob (* and ?) over the resource URN, e.g. urn:pulumi:dev::platform-app::*::alb."),
    stack: text("Stack name glob (with type and name when no urn is given)."),
    project: text("Project name glob; any project when omitted."),
    type: text("Resource type token glob, e.g. aws:lb/loadBalancer:LoadBalancer."),
    name: text("Resource (logical) name glob."),
    reason: text("Why the violation is accepted; shown with every exempted finding."),
    owner: text("Who answers for it (team or person)."),
    expires: { type: "string", pattern: DATE, description: "Last day (UTC) it applies, YYYY-MM-DD; after it the exemption is a mandatory violation." },
  },
};

export const EXEMPTIONS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  items: EXEMPTION_SCHEMA,
  default: [],
  description: "Reviewed exemptions: policy, resource (urn, or stack + type + name; globs allowed), reason, owner, expires (YYYY-MM-DD).",
};

export interface ExemptionProblem {
  readonly index: number;
  /** What is wrong with the entry and how to fix it. */
  readonly message: string;
}

const KEYS = Object.keys(EXEMPTION_SCHEMA.properties ?? {});

function entryLabel(i: number, raw: unknown): string {
  const r = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const policy = typeof r.policy === "string" ? ` (policy "${r.policy}")` : "";
  return `exemptions[${i}]${policy}`;
}

function validDate(s: string): boolean {
  if (!new RegExp(DATE).test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The exemptions of a config value, and a problem (entry and fix) for each invalid entry. Invalid
 * entries exempt nothing. `policies` are the names the pack serves (not checked when omitted).
 */
export function parseExemptions(value: unknown, policies?: readonly string[]): { exemptions: Exemption[]; problems: ExemptionProblem[] } {
  const exemptions: Exemption[] = [];
  const problems: ExemptionProblem[] = [];
  if (value === undefined) return { exemptions, problems };
  if (!Array.isArray(value)) {
    problems.push({ index: -1, message: `exemptions must be a list of entries. Fix: write "exemptions": [ { "policy": ..., "urn": ..., "reason": ..., "owner": ..., "expires": "YYYY-MM-DD" } ]` });
    return { exemptions, problems };
  }
  value.forEach((raw: unknown, i) => {
    const at = entryLabel(i, raw);
    const bad = (what: string, fix: string) => problems.push({ index: i, message: `${at}: ${what}. Fix: ${fix}` });
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return bad("is not an object", 'write { "policy", "urn" (or "stack", "type", "name"), "reason", "owner", "expires" }');
    const r = raw as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(r)) if (!KEYS.includes(key)) bad(`"${key}" is not an exemption field`, `remove it; fields are ${KEYS.join(", ")}`);
    for (const key of KEYS) {
      if (r[key] !== undefined && (typeof r[key] !== "string" || r[key] === "")) bad(`"${key}" must be a non-empty string`, `give "${key}" a value or remove it`);
    }
    const s = (key: string) => (typeof r[key] === "string" && r[key] !== "" ? (r[key] as string) : undefined);
    if (!s("policy")) bad('"policy" is missing', "name the policy whose violation is accepted, e.g. \"lb-deletion-protection\"");
    else if (policies !== undefined && !policies.includes(s("policy")!)) bad(`"${s("policy")}" is not a policy of this pack`, "use a policy name from policies/README.md");
    for (const key of ["reason", "owner"]) if (!s(key)) bad(`"${key}" is missing`, key === "reason" ? "say why the violation is accepted" : "name the team or person who answers for it");
    if (!s("expires")) bad('"expires" is missing', 'give the last day it applies, e.g. "2027-03-31"');
    else if (!validDate(s("expires")!)) bad(`"expires" is "${s("expires")}", not a date`, 'write YYYY-MM-DD, e.g. "2027-03-31"');
    if (s("urn") !== undefined && (s("stack") ?? s("project") ?? s("type") ?? s("name")) !== undefined) {
      bad('"urn" and "stack"/"project"/"type"/"name" are both given', 'name the resource by "urn" or by "stack" + "type" + "name", not both');
    } else if (s("urn") === undefined && (!s("stack") || !s("type") || !s("name"))) {
      bad("names no resource", 'give "urn" (globs allowed), or "stack", "type" and "name"');
    }
    if (problems.length > before) return;
    exemptions.push({
      index: i,
      policy: s("policy")!,
      reason: s("reason")!,
      owner: s("owner")!,
      expires: s("expires")!,
      ...(s("urn") !== undefined ? { urn: s("urn") } : { stack: s("stack"), project: s("project"), type: s("type"), name: s("name") }),
    });
  });
  return { exemptions, problems };
}

const globs = new Map<string, RegExp>();
/** `*` any run of characters, `?` one character, everything else literal. */
export function globMatches(glob: string, value: string): boolean {
  let re = globs.get(glob);
  if (!re) {
    const body = [...glob].map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    re = new RegExp(`^${body}$`);
    globs.set(glob, re);
  }
  return re.test(value);
}

/** A URN's stack and project: urn:pulumi:<stack>::<project>::<qualified type>::<name>. */
export function stackOf(urn: string): { stack: string; project: string } {
  const [head = "", project = ""] = urn.split("::");
  return { stack: head.replace(/^urn:pulumi:/, ""), project };
}

export interface ExemptableResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
}

export function exemptionMatches(e: Exemption, policy: string, r: ExemptableResource): boolean {
  if (e.policy !== policy) return false;
  if (e.urn !== undefined) return globMatches(e.urn, r.urn);
  const { stack, project } = stackOf(r.urn);
  return globMatches(e.stack ?? "*", stack) && globMatches(e.project ?? "*", project) && globMatches(e.type ?? "*", r.type) && globMatches(e.name ?? "*", r.name);
}

/**
 * Whether the exemption is about this stack, so that "it matches nothing" means something here:
 * by its project and stack, or the first two parts of its URN glob. An exemption that does not
 * say its project (stack + type + name only, or a URN glob too short to say, e.g. `*::alb`) is
 * about this stack when it names one of `resources`: the same env's config serves every project,
 * so only a project tells a stale entry of this stack from an entry of another.
 */
export function exemptionInStack(e: Exemption, stack: { stack: string; project: string }, resources: readonly ExemptableResource[]): boolean {
  if (e.urn === undefined) {
    if (!globMatches(e.stack ?? "*", stack.stack)) return false;
    if (e.project !== undefined) return globMatches(e.project, stack.project);
    return resources.some((r) => globMatches(e.type ?? "*", r.type) && globMatches(e.name ?? "*", r.name));
  }
  const parts = e.urn.split("::");
  if (parts.length >= 4) return globMatches(parts[0], `urn:pulumi:${stack.stack}`) && globMatches(parts[1], stack.project);
  return resources.some((r) => globMatches(e.urn!, r.urn));
}

/** Today in UTC as YYYY-MM-DD; an exemption expiring today still applies today. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const isExpired = (e: Exemption, today: string): boolean => e.expires < today;

export function describeExemption(e: Exemption): string {
  const resource = e.urn ?? [e.stack, e.project, e.type, e.name].filter((x) => x !== undefined).join(" ");
  return `exemptions[${e.index}] (policy ${e.policy}, resource ${resource}, owner ${e.owner})`;
}

/** The line an exempted finding starts with; the CLI's plan and report recognise it. */
export function exemptedMessage(e: Exemption, message: string): string {
  return `exempted (${e.reason}; owner ${e.owner}; expires ${e.expires}; exemptions[${e.index}]): ${message}`;
}
