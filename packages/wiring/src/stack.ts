import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { exportOutputs, type ContractInputs } from "./contract";
import { loadConfig, type ConfigSpec } from "./config";
import { CONTRACTS, type Contracts } from "./contracts";
import type { StackName } from "./graph";
import { readUpstream, type UpstreamOf, type UpstreamOptions, type UpstreamValues } from "./upstream";

/** What a stack program gets: its typed config and its declared upstreams. */
export interface StackContext<Me extends StackName> {
  readonly stack: Me;
  /** The environment: the Pulumi stack name (`dev`, `prod`). */
  readonly env: string;
  config<Shape extends z.ZodRawShape>(spec: ConfigSpec<Shape>): z.output<z.ZodObject<Shape>>;
  upstream<U extends UpstreamOf<Me>>(upstream: U, options?: UpstreamOptions): Promise<UpstreamValues<Me, U>>;
}

export type StackProgram<Me extends StackName> = (ctx: StackContext<Me>) => Promise<ContractInputs<Contracts[Me]>>;
export type StackOutputs = Record<string, pulumi.Input<unknown>>;

const REGISTRY = Symbol.for("@platform/wiring:stack-programs");
type Registry = Partial<Record<StackName, () => Promise<StackOutputs>>>;

/** Programs defined in this process, by stack; the offline runner re-runs them without reloading. */
export function definedStackPrograms(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= {});
}

/**
 * Declares a stack program and runs it. `export = defineStack("network", async (ctx) => ...)`
 * in a stack's index.ts gives Pulumi a promise of the stack outputs, type-checked against the
 * stack's contract, with the contract's secret keys wrapped as secrets.
 */
export function defineStack<Me extends StackName>(stack: Me, program: StackProgram<Me>): Promise<StackOutputs> {
  const run = async (): Promise<StackOutputs> => {
    const ctx: StackContext<Me> = {
      stack,
      env: pulumi.getStack(),
      config: (spec) => loadConfig(spec),
      upstream: (upstream, options) => readUpstream(stack, upstream, options),
    };
    return exportOutputs(CONTRACTS[stack], await program(ctx));
  };
  definedStackPrograms()[stack] = run;
  return run();
}
