import * as pulumi from "@pulumi/pulumi";
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { definedStackPrograms, PlatformError, upstreamStackName, type StackName } from "@platform/wiring";
import { answerInvoke } from "./mocks/invokes";
import { computeResource } from "./mocks/resources";
import { RecordingMonitor } from "./recording-monitor";
import type { StackConfig } from "./pulumi-files";
import type { RecordedInvoke, StackRun } from "./types";
import { isSecretValue, plain } from "./wire";

/** SDK functions marked @internal (absent from its .d.ts) that the mock runtime needs. */
const internals = {
  state: require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> },
  settings: require("@pulumi/pulumi/runtime/settings") as {
    waitForRPCs(): Promise<void>;
    setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean, organization: string): void;
  },
};

/**
 * What the offline monitor supports, as the SDK's store records it after asking the engine
 * (runtime/settings.ts awaitFeatureSupport). Output values stay off, as in Pulumi's own
 * MockMonitor, so mocks see plain inputs.
 */
export const MONITOR_FEATURES = {
  supportsSecrets: true,
  supportsResourceReferences: true,
  supportsOutputValues: false,
  supportsDeletedWith: true,
  supportsAliasSpecs: true,
} as const;

/** Outputs of upstream runs, by `referenceKey(stack, env)`. */
export type UpstreamOutputs = ReadonlyMap<string, { outputs: Record<string, unknown>; secretOutputNames: string[] }>;

/** How runs are handed to downstream stacks: by upstream stack and environment. */
export function referenceKey(stack: StackName, env: string): string {
  return `${stack}/${env}`;
}

/**
 * Upstream outputs by the StackReference name this stack will ask for, which its own config
 * decides (`upstreamOrg`, `upstreamStackName`), exactly as readUpstream computes it.
 */
function byReferenceName(input: StackRunInput): Map<string, { outputs: Record<string, unknown>; secretOutputNames: string[] }> {
  const template = input.config.values[`${input.project}:upstreamStackName`];
  const named = new Map<string, { outputs: Record<string, unknown>; secretOutputNames: string[] }>();
  for (const [key, value] of input.upstreams) {
    const [stack, env] = key.split("/") as [StackName, string];
    named.set(upstreamStackName(stack, env, input.organization, template), value);
  }
  return named;
}

export interface StackRunInput {
  readonly stack: StackName;
  readonly env: string;
  readonly project: string;
  readonly programPath: string;
  readonly config: StackConfig;
  readonly upstreams: UpstreamOutputs;
  readonly organization: string;
  /** Run as a first `pulumi preview` (dryRun, computed outputs of created resources unknown) instead of an `up`. */
  readonly preview?: boolean;
  /**
   * What a resource's identity rests on besides its URN: the inputs whose change makes the
   * provider replace it. A replaced resource gets a new id and ARN from AWS; with this, its mock
   * id changes too, so resources and downstream stacks that read it see the change. Without it,
   * ids depend on the URN alone.
   */
  readonly replacementKey?: (type: string, inputs: Record<string, unknown>) => string | undefined;
}

/** A stack program failed; `message` is what the user needs, without an internal stack trace. */
export class StackRunError extends Error {
  constructor(readonly stackName: StackName, readonly env: string, message: string, readonly userError: boolean) {
    super(message);
    this.name = "StackRunError";
  }
}

/**
 * Gives the next run a fresh Pulumi runtime. The SDK keeps its state in one global store; the
 * mock runtime is normally set once per process, but tests run several stacks per file.
 */
function resetRuntime(): void {
  const holder = global as unknown as { globalStore?: unknown };
  holder.globalStore = undefined;
}

function regionOf(config: StackConfig): string {
  // prepareStackRun refuses a config without aws:region; a direct caller gets the provider's default.
  return config.values["aws:region"] ?? "us-east-1";
}

/** Stack outputs as a StackReference hands them over: plain values plus the names of secrets. */
export function referenceOutputs(run: StackRun): { outputs: Record<string, unknown>; secretOutputNames: string[] } {
  const secretOutputNames = Object.entries(run.outputs)
    .filter(([, v]) => isSecretValue(v))
    .map(([k]) => k);
  return { outputs: plain(run.outputs), secretOutputNames };
}

function userMessage(err: unknown): { message: string; userError: boolean } {
  if (pulumi.RunError.isInstance(err as Error) || err instanceof PlatformError) return { message: (err as Error).message, userError: true };
  if (err instanceof Error) return { message: err.stack ?? err.message, userError: false };
  return { message: String(err), userError: false };
}

/**
 * The resource monitor one stack run talks to: the offline mocks (StackReferences answered with
 * the upstream outputs, resources with realistic outputs in their provider's region) behind a
 * RecordingMonitor. The in-process run and a real language host's run (tests) share it.
 */
export function createStackMonitor(input: StackRunInput): { monitor: RecordingMonitor; invokes: RecordedInvoke[] } {
  const region = regionOf(input.config);
  const references = byReferenceName(input);
  const providerRegions = new Map<string, string>();
  const invokes: RecordedInvoke[] = [];

  const mocks = {
    newResourceAt(args: MockResourceArgs, urn: string) {
      if (args.type === "pulumi:pulumi:StackReference") {
        const name = String(args.inputs.name);
        const upstream = references.get(name) ?? { outputs: {}, secretOutputNames: [] };
        return { id: name, state: { name, outputs: upstream.outputs, secretOutputNames: upstream.secretOutputNames } };
      }
      if (args.type === "pulumi:providers:aws" && typeof args.inputs.region === "string") providerRegions.set(urn, args.inputs.region);
      const providerUrn = args.provider?.split("::").slice(0, -1).join("::");
      const resourceRegion = (providerUrn && providerRegions.get(providerUrn)) || region;
      const key = input.replacementKey?.(args.type, args.inputs as Record<string, unknown>);
      return computeResource(args, { region: resourceRegion, seed: key === undefined ? urn : `${urn}#${key}` });
    },
    newResource(args: MockResourceArgs) {
      return this.newResourceAt(args, `${args.type}::${args.name}`);
    },
    call(args: MockCallArgs) {
      invokes.push({ token: args.token, inputs: { ...(args.inputs as Record<string, unknown>) }, ...(args.provider ? { provider: args.provider } : {}) });
      return answerInvoke(args, region);
    },
  };
  return { monitor: new RecordingMonitor(mocks, input.env, input.project, input.preview === true), invokes };
}

/** Runs one stack program in this process under the mock runtime and records what it registers. */
export async function runStackInProcess(input: StackRunInput): Promise<StackRun> {
  resetRuntime();
  const preview = input.preview === true;
  const { monitor, invokes } = createStackMonitor(input);
  internals.settings.setMockOptions(monitor, input.project, input.env, preview, input.organization);
  Object.assign(internals.state.getStore(), MONITOR_FEATURES);
  pulumi.runtime.setAllConfig(input.config.values, input.config.secretKeys);

  const known = definedStackPrograms()[input.stack];
  const program = known ?? (() => require(input.programPath) as unknown);
  // A failing program rejects both the stack's outputs (awaited below) and the SDK's internal
  // copy of the same promise, which nobody awaits; the real language host absorbs the second
  // with process-wide handlers, so do the same while this run is in flight.
  const failures: unknown[] = [];
  const absorb = (reason: unknown) => void failures.push(reason);
  process.on("unhandledRejection", absorb);
  try {
    // The program's own failure is taken here rather than left to reject the stack resource,
    // whose internal promise chains would report it again as unhandled rejections.
    await runInPulumiStack(async () => {
      try {
        return await program();
      } catch (err) {
        failures.push(err);
        return {};
      }
    });
    await internals.settings.waitForRPCs();
  } catch (err) {
    failures.unshift(err);
  } finally {
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", absorb);
  }
  if (failures.length > 0) {
    const { message, userError } = userMessage(failures[0]);
    throw new StackRunError(input.stack, input.env, message, userError);
  }
  return { stack: input.stack, env: input.env, project: input.project, resources: monitor.recorded(), outputs: monitor.stackOutputs, invokes };
}
