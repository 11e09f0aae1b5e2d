import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_NAMES, stackOrder, type StackName } from "@platform/wiring";
import { affectedStacks } from "../affected";
import { assertKnownEnvironment, configFileFor } from "../environments";
import { UserError } from "../errors";
import { parseStackNames } from "../stack-names";

export interface SelectionOptions {
  readonly env: string;
  readonly stack?: readonly string[];
  readonly affected?: boolean;
  readonly base?: string;
}

export interface Selection {
  readonly stacks: StackName[];
  /** Stacks chosen implicitly (all, or affected) that do not run: no config for the environment, or the bootstrap. */
  readonly skipped: { stack: StackName; reason: string }[];
}

/**
 * The account's foundation (state bucket, secrets key, OIDC provider, CI roles): nothing reads it
 * and losing it loses every stack's state, so no implicit selection includes it.
 */
const ONLY_WHEN_NAMED: readonly StackName[] = ["bootstrap"];

/**
 * Which stacks a preview/up/destroy/drift runs: `--stack` names, the `--affected` set, or all.
 * Explicit stacks must have the environment's config file; implicitly chosen ones without it are
 * skipped. The bootstrap runs only when named (`--stack bootstrap`): `destroy --env dev` must
 * not take the state bucket with it.
 */
export function selectStacks(root: string, options: SelectionOptions): Selection {
  assertKnownEnvironment(root, options.env);
  const explicit = options.stack !== undefined && options.stack.length > 0;
  if (explicit && options.affected) throw new UserError("pass either --stack or --affected, not both.");
  if (options.affected && options.base === undefined) throw new UserError("--affected needs --base <git ref>, e.g. --affected --base origin/main.");
  if (!options.affected && options.base !== undefined) throw new UserError("--base only applies with --affected; add --affected, or drop --base.");
  const chosen = explicit
    ? parseStackNames(options.stack ?? [])
    : options.affected
      ? affectedStacks({ base: options.base ?? "", cwd: root, env: options.env }).stacks.map((s) => s.stack)
      : [...STACK_NAMES];
  const excluded = explicit ? [] : chosen.filter((s) => ONLY_WHEN_NAMED.includes(s));
  const implicit = chosen.filter((s) => !excluded.includes(s));
  const hasConfig = (stack: StackName): boolean => fs.existsSync(path.join(root, configFileFor(root, stack, options.env)));
  if (explicit) {
    const missing = chosen.filter((s) => !hasConfig(s));
    if (missing.length > 0) {
      throw new UserError(
        `no ${options.env} environment for ${missing.join(", ")}: ${missing.map((s) => configFileFor(root, s, options.env)).join(", ")} does not exist. ` +
          `Create it (copy another Pulumi.<env>.yaml of that stack), or pick another --env.`,
      );
    }
  }
  return {
    stacks: stackOrder(implicit.filter(hasConfig)),
    skipped: [
      ...excluded.map((stack) => ({ stack, reason: `runs only when named: add --stack ${stack}` })),
      ...implicit.filter((s) => !hasConfig(s)).map((stack) => ({ stack, reason: `no ${configFileFor(root, stack, options.env)}` })),
    ],
  };
}
