import * as pulumi from "@pulumi/pulumi";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The private path patterns the policy pack enforces for `env` (policies/config/<env>.json, rule
 * cloudfront-cache-behavior-order), so the stack refuses exactly what the pack would. An explicit
 * platform-edge:privatePathPatterns wins.
 */
export function privatePathPatterns(env: string, configured: readonly string[] | undefined): readonly string[] {
  if (configured !== undefined) return configured;
  const file = path.join(path.dirname(require.resolve("@platform/policies/package.json")), "config", `${env}.json`);
  if (!existsSync(file)) {
    void pulumi.log.warn(`${file} does not exist: no private path patterns are checked. Set platform-edge:privatePathPatterns, e.g. ["/api/*/me*"].`);
    return [];
  }
  const doc = JSON.parse(readFileSync(file, "utf8")) as Record<string, { privatePathPatterns?: unknown } | undefined>;
  const patterns = doc["cloudfront-cache-behavior-order"]?.privatePathPatterns;
  return Array.isArray(patterns) ? patterns.filter((p): p is string => typeof p === "string") : [];
}
