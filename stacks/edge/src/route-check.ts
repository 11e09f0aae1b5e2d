import * as pulumi from "@pulumi/pulumi";
import { PlatformError } from "@platform/wiring";
import { analyzeBehaviorOrder, formatFinding, type BehaviorRow } from "@platform/policies/src/cloudfront/ordering";
import type { BehaviorPlan } from "./routes";

/** Labels the policy pack would see: what each behavior is recognised by in the route table. */
function label(b: BehaviorPlan): string {
  if (b.kind === "static") return "static assets, CachingOptimized";
  if (b.kind === "uncached") return "not cached, CachingDisabled";
  return `cached, cache policy ${b.settingId}`;
}

export interface RouteCheck {
  readonly mandatory: readonly string[];
  readonly advisory: readonly string[];
}

/**
 * Runs the policy pack's own ordering analysis on the planned behaviors (plus the default `*`,
 * which never caches), so the stack rejects exactly what the pack would, with its messages.
 */
export function analyzeRoutes(behaviors: readonly BehaviorPlan[], privatePathPatterns: readonly string[]): RouteCheck {
  const rows: BehaviorRow[] = behaviors.map((b) => ({ pathPattern: b.pathPattern, caches: b.caches, label: label(b) }));
  const findings = analyzeBehaviorOrder(rows, {
    privatePathPatterns,
    defaultBehavior: { caches: false, label: "not cached, CachingDisabled", dynamicOrigin: true },
  });
  return {
    mandatory: findings.filter((f) => f.level === "mandatory").map(formatFinding),
    advisory: findings.filter((f) => f.level === "advisory").map(formatFinding),
  };
}

/** Throws before anything is created when the pack would reject the route table; warns on advisories. */
export function assertRoutesAccepted(behaviors: readonly BehaviorPlan[], privatePathPatterns: readonly string[], env: string): void {
  const { mandatory, advisory } = analyzeRoutes(behaviors, privatePathPatterns);
  for (const message of advisory) void pulumi.log.warn(`platform-edge:routes: ${message}`);
  if (mandatory.length === 0) return;
  throw new PlatformError(
    `platform-edge:routes in stacks/edge/Pulumi.${env}.yaml would be rejected by the policy pack; nothing was created:\n` +
      `  - ${mandatory.join("\n  - ")}\n` +
      `Routes are listed in precedence order (first match wins); e.g. put "/api/products/*" before "/api/*".`,
  );
}
