/** Enforcement levels and severities as @pulumi/policy names them. */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

/**
 * One resource as the engine hands it to an analyzer. `properties` are in the engine's wire
 * encoding: a secret is `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
 * value }`, an unknown is the string "04da6b54-80e4-46f7-96ec-b56ff0331ba9".
 */
export interface AnalyzerResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly options?: AnalyzerResourceOptions;
  readonly parent?: string;
  readonly provider?: AnalyzerProvider;
  /** URNs this resource depends on. */
  readonly dependencies?: readonly string[];
  /** Input property name -> URNs its value came from. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface AnalyzerResourceOptions {
  readonly protect?: boolean;
  readonly ignoreChanges?: readonly string[];
  readonly deleteBeforeReplace?: boolean;
  readonly additionalSecretOutputs?: readonly string[];
  readonly aliases?: readonly string[];
  readonly parent?: string;
}

export interface AnalyzerProvider {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A policy violation as the pack reports it. */
export interface Diagnostic {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly policyPackVersion: string;
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  /** Set for stack policies (the resource the violation is about) and echoed for resource policies. */
  readonly urn?: string;
  readonly severity?: Severity;
}

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity?: Severity;
  readonly kind: "resource" | "stack";
  readonly framework?: { readonly name: string; readonly version: string; readonly reference: string; readonly specification: string };
  readonly remediationSteps?: string;
  /** JSON schema of each config property. */
  readonly configSchema?: { readonly properties: Readonly<Record<string, unknown>>; readonly required: readonly string[] };
}

export interface AnalyzerInfo {
  readonly name: string;
  readonly version: string;
  readonly supportsConfig: boolean;
  readonly policies: readonly PolicyInfo[];
}

/**
 * Policy pack config in the `--policy-pack-config` file format: `{ "all": "mandatory",
 * "<policy>": "advisory" | { "enforcementLevel": ..., ...properties } }`.
 */
export type PackConfig = Readonly<Record<string, EnforcementLevel | Readonly<Record<string, unknown>>>>;
