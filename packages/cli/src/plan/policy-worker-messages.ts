import type { StackRun } from "@platform/offline";
import type { StackName } from "@platform/wiring";
import type { PlanViolation } from "./model";
import type { DefaultProviderConfig } from "./policy-check";

/** What crosses the thread boundary between policy-worker.ts and policy-worker-host.ts (structured clone: data only). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export type ToChecker =
  | { readonly kind: "check"; readonly id: number; readonly stack: StackName; readonly run: StackRun; readonly defaults: DefaultProviderConfig }
  | { readonly kind: "close" };

export type FromChecker =
  | { readonly kind: "spawned"; readonly pid: number }
  | { readonly kind: "started" }
  | { readonly kind: "failed"; readonly error: SerializedError }
  | { readonly kind: "result"; readonly id: number; readonly violations: PlanViolation[] }
  | { readonly kind: "error"; readonly id: number; readonly error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) };
  return { name: "Error", message: String(e) };
}
