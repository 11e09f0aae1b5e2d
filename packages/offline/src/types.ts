import type { StackName } from "@platform/wiring";

/**
 * Values are kept in the engine's wire encoding so they can be handed to the policy analyzer
 * unchanged: a secret is `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`, an unknown is UNKNOWN.
 */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One resource as the program registered it. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent?: string;
  readonly provider?: string;
  readonly id?: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
  /** URNs this resource depends on (dependsOn plus every input's dependencies). */
  readonly dependencies: readonly string[];
  /** Input property name -> URNs of the resources that property's value came from. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** The resource's customTimeouts option, as the engine receives it ("" where unset). */
  readonly customTimeouts?: { readonly create: string; readonly update: string; readonly delete: string };
}

/** One data-source call (invoke) the program made, with its inputs in plain form. */
export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
  /** Reference of the provider the call went through, when not the default one. */
  readonly provider?: string;
}

/** One stack program's offline run. */
export interface StackRun {
  readonly stack: StackName;
  readonly env: string;
  readonly project: string;
  readonly resources: readonly RecordedResource[];
  /** Stack outputs in wire encoding (secrets keep their signature). */
  readonly outputs: Record<string, unknown>;
  /** Data-source calls in call order: what the deploy and preview roles must be allowed to read. */
  readonly invokes?: readonly RecordedInvoke[];
}
