/**
 * A small IAM evaluator for tests: does an identity policy allow one request? Explicit denies win;
 * `*` and `?` wildcards in actions (case-insensitive) and resources; StringEquals, StringLike,
 * ArnLike and ArnNotLike conditions, where a key missing from the request context fails the
 * condition (as IAM evaluates these operators).
 */
import type { PolicyDocument, PolicyStatement } from "@platform/components";

export interface Request {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
}

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);

function wildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, caseInsensitive ? "i" : "").test(value);
}

function conditionHolds(condition: PolicyStatement["Condition"], context: Readonly<Record<string, string>>): boolean {
  return Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key];
      const values = typeof expected === "boolean" ? [String(expected)] : list(expected);
      if (actual === undefined) return operator === "ArnNotLike";
      switch (operator) {
        case "StringEquals":
          return values.includes(actual);
        case "StringLike":
        case "ArnLike":
          return values.some((v) => wildcard(v, actual, false));
        case "ArnNotLike":
          return !values.some((v) => wildcard(v, actual, false));
        default:
          throw new Error(`iam-evaluator: condition operator ${operator} is not supported`);
      }
    }),
  );
}

function applies(statement: PolicyStatement, request: Request): boolean {
  const actionMatches =
    statement.Action !== undefined
      ? list(statement.Action).some((a) => wildcard(a, request.action, true))
      : !list(statement.NotAction).some((a) => wildcard(a, request.action, true));
  const resourceMatches =
    statement.Resource !== undefined ? list(statement.Resource).some((r) => wildcard(r, request.resource, false)) : !list(statement.NotResource).some((r) => wildcard(r, request.resource, false));
  return actionMatches && resourceMatches && conditionHolds(statement.Condition, request.context ?? {});
}

export function isAllowed(policy: PolicyDocument, request: Request): boolean {
  if (policy.Statement.some((s) => s.Effect === "Deny" && applies(s, request))) return false;
  return policy.Statement.some((s) => s.Effect === "Allow" && applies(s, request));
}
