import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { StackName } from "./graph";

/**
 * What a stack exports, declared once: a zod object (checked at run time when a downstream
 * reads it) and the keys that must stay secret. The producing stack is type-checked against it
 * through `exportOutputs`; consumers read it through `readUpstream`.
 */
export interface Contract<S extends StackName, Shape extends z.ZodRawShape, Secret extends keyof Shape> {
  readonly stack: S;
  readonly schema: z.ZodObject<Shape>;
  readonly secretKeys: readonly Secret[];
}

export function defineContract<S extends StackName, Shape extends z.ZodRawShape, Secret extends keyof Shape & string = never>(
  stack: S,
  shape: Shape,
  secretKeys: readonly Secret[] = [],
): Contract<S, Shape, Secret> {
  return { stack, schema: z.object(shape), secretKeys };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- constraint-only positions */
export type AnyContract = Contract<StackName, z.ZodRawShape, any>;
export type OutputsOf<C extends AnyContract> = z.output<C["schema"]>;
export type SecretKeysOf<C extends AnyContract> = C extends Contract<any, any, infer K> ? K : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A value the producing stack may hand over: plain, an Output, or an array or map of either. */
type InputOf<T> =
  | pulumi.Input<T>
  | (T extends readonly (infer E)[] ? pulumi.Input<E>[] : never)
  | (T extends Record<string, infer V> ? Record<string, pulumi.Input<V>> : never);

/** Keys whose value may be undefined: `z.string().optional()` in the contract. */
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

/** What a stack program returns: every required key, and the optional ones it has. */
export type ContractInputs<C extends AnyContract> = {
  [K in Exclude<keyof OutputsOf<C>, OptionalKeys<OutputsOf<C>>>]-?: InputOf<OutputsOf<C>[K]>;
} & {
  [K in OptionalKeys<OutputsOf<C>>]?: InputOf<Exclude<OutputsOf<C>[K], undefined>> | pulumi.Output<OutputsOf<C>[K]> | undefined;
};

/**
 * The object a stack program returns as its stack outputs. Secret keys are wrapped in
 * `pulumi.secret` here so a producer cannot forget to.
 */
export function exportOutputs<C extends AnyContract>(contract: C, values: ContractInputs<C>): Record<string, pulumi.Input<unknown>> {
  const out: Record<string, pulumi.Input<unknown>> = {};
  for (const [key, value] of Object.entries(values as Record<string, pulumi.Input<unknown>>)) {
    if (value === undefined) continue;
    out[key] = (contract.secretKeys as readonly string[]).includes(key) ? pulumi.secret(value) : value;
  }
  return out;
}
