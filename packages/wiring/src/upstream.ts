import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { OutputsOf, SecretKeysOf } from "./contract";
import { CONTRACTS, type Contracts } from "./contracts";
import { PlatformError } from "./errors";
import { STACKS, type Graph, type StackName } from "./graph";

type ReadsOf<Me extends StackName> = Graph[Me]["reads"];
/** The stacks `Me` declared as upstreams in the graph. */
export type UpstreamOf<Me extends StackName> = keyof ReadsOf<Me> & StackName;
type KeysRead<Me extends StackName, U extends UpstreamOf<Me>> = ReadsOf<Me>[U] extends readonly (infer K)[] ? K & string : never;

/** The outputs `Me` reads from `U`: plain values, except secrets, which stay `Output`s. */
export type UpstreamValues<Me extends StackName, U extends UpstreamOf<Me>> = {
  readonly [K in KeysRead<Me, U> & keyof OutputsOf<Contracts[U]>]: K extends SecretKeysOf<Contracts[U]>
    ? pulumi.Output<OutputsOf<Contracts[U]>[K]>
    : OutputsOf<Contracts[U]>[K];
};

export interface UpstreamOptions {
  /** Environment (stack name) of the upstream; defaults to this stack's environment. */
  readonly env?: string;
  /** Organization holding the upstream stacks; defaults to config `upstreamOrg`, else the current organization. */
  readonly org?: string;
}

export const DEFAULT_UPSTREAM_STACK_NAME = "{org}/{project}/{env}";

/** The StackReference name of `upstream` in an environment: `<org>/<project>/<env>` by default. */
export function upstreamStackName(upstream: StackName, env: string, org: string, template: string = DEFAULT_UPSTREAM_STACK_NAME): string {
  return template.replace(/\{org\}/g, org).replace(/\{project\}/g, STACKS[upstream].project).replace(/\{env\}/g, env);
}

/**
 * Reads what `me` declared it reads from `upstream`, through a StackReference, validated against
 * the upstream's contract. Every missing or mistyped key is reported at once, with the command
 * that deploys the upstream.
 */
export async function readUpstream<Me extends StackName, U extends UpstreamOf<Me>>(
  me: Me,
  upstream: U,
  options: UpstreamOptions = {},
): Promise<UpstreamValues<Me, U>> {
  const reads = (STACKS[me].reads as Partial<Record<StackName, readonly string[]>>)[upstream];
  if (reads === undefined) {
    throw new PlatformError(
      `The ${me} stack reads the ${upstream} stack, but packages/wiring/src/graph.ts does not declare ${upstream} as an upstream of ${me}. ` +
        `Add it to STACKS.${me}.reads, with the keys it reads.`,
    );
  }
  const env = options.env ?? pulumi.getStack();
  const config = pulumi.runtime.allConfig();
  const org = options.org ?? config[`${STACKS[me].project}:upstreamOrg`] ?? pulumi.getOrganization();
  const fullName = upstreamStackName(upstream, env, org, config[`${STACKS[me].project}:upstreamStackName`]);
  const logicalName = options.env === undefined ? upstream : `${upstream}-${env}`;
  const ref = new pulumi.StackReference(logicalName, { name: fullName });

  const contract = CONTRACTS[upstream];
  const shape = contract.schema.shape as Record<string, z.ZodType>;
  const secretKeys = contract.secretKeys as readonly string[];
  const problems: string[] = [];
  const missing: string[] = [];
  const values: Record<string, unknown> = {};

  await Promise.all(
    reads.map(async (key) => {
      const details = await ref.getOutputDetails(key);
      const isSecret = details.secretValue !== undefined;
      const raw = isSecret ? details.secretValue : details.value;
      const parsed = shape[key].safeParse(raw);
      if (!parsed.success) {
        if (raw === undefined) missing.push(key);
        else problems.push(`${key}: ${parsed.error.issues.map((i) => i.message).join("; ")} (got ${isSecret ? "[secret]" : JSON.stringify(raw)})`);
        return;
      }
      values[key] = secretKeys.includes(key) || isSecret ? pulumi.secret(parsed.data) : parsed.data;
    }),
  );

  if (problems.length > 0 || missing.length > 0) {
    const { dir } = STACKS[upstream];
    const deploy = `pulumi up -C ${dir} -s ${env}   (or: npx platform up --stack ${upstream} --env ${env})`;
    const lines = [...missing.sort().map((key) => `${key}: missing`), ...problems.sort()];
    // A missing key means the upstream was never deployed, or not since the key was added; a
    // mistyped one means it was deployed from an older contract. Either way, deploying fixes it.
    const fix = problems.length === 0 ? `Deploy ${upstream} first: ${deploy}` : `${upstream} exports outputs in an older shape; deploy it from this commit: ${deploy}`;
    throw new PlatformError(`The ${me} stack cannot read the ${upstream} stack (${fullName}):\n  - ${lines.join("\n  - ")}\n${fix}`);
  }
  return values as UpstreamValues<Me, U>;
}
