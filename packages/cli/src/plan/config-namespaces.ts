import * as fs from "node:fs";
import * as path from "node:path";
import { hasProject, readStackConfig, stackFiles } from "@platform/offline";
import type { StackName } from "@platform/wiring";
import { UserError } from "../errors";
import { distance } from "fastest-levenshtein";

/**
 * Pulumi hands a program every key of Pulumi.<env>.yaml, but only keys in the project's
 * namespace (`platform-app:cpu`) or a provider's (`aws:region`) are ever read: a key under a
 * misspelled namespace (`platfrom-app:cpu`) is silently ignored and the stack runs on defaults.
 * Provider namespaces are the Pulumi packages installed (`node_modules/@pulumi/<package>`).
 */
function providerNamespaces(repoRoot: string): Set<string> {
  const dir = path.join(repoRoot, "node_modules", "@pulumi");
  return new Set(["pulumi", ...(fs.existsSync(dir) ? fs.readdirSync(dir) : [])]);
}

/** Refuses config keys whose namespace is neither the stack's project nor an installed provider's. */
export function assertKnownConfigNamespaces(repoRoot: string, stacks: readonly StackName[], env: string): void {
  const providers = providerNamespaces(repoRoot);
  const problems: string[] = [];
  for (const stack of stacks) {
    if (!hasProject(repoRoot, stack)) continue;
    const files = stackFiles(repoRoot, stack, env);
    if (!fs.existsSync(files.configPath)) continue; // the plan reports a missing file itself
    const known = new Set([files.project, ...providers]);
    for (const key of Object.keys(readStackConfig(files, repoRoot).values)) {
      const namespace = key.slice(0, key.indexOf(":"));
      if (known.has(namespace)) continue;
      const closest = [...known].sort((a, b) => distance(namespace, a) - distance(namespace, b))[0];
      const hint = distance(namespace, closest) <= 3 ? `did you mean ${closest}:${key.slice(namespace.length + 1)}?` : `use ${files.project}:<key> for this stack's settings`;
      problems.push(`${path.relative(repoRoot, files.configPath)}: ${key}: "${namespace}" is neither this stack's project (${files.project}) nor a provider, so nothing reads it; ${hint}`);
    }
  }
  if (problems.length > 0) throw new UserError(`config keys under an unknown namespace:\n  - ${problems.join("\n  - ")}`);
}
