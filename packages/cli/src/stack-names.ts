import { closest, distance } from "fastest-levenshtein";
import { isStackName, STACK_NAMES, type StackName } from "@platform/wiring/src/graph";
import { UserError } from "./errors";

/** Parses `--stack a,b` (or repeated flags) into graph stack names, refusing unknown ones. */
export function parseStackNames(values: readonly string[]): StackName[] {
  const names = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  if (names.length === 0) throw new UserError(`--stack needs at least one stack name. Stacks: ${STACK_NAMES.join(", ")} (declared in packages/wiring/src/graph.ts).`);
  for (const name of names) {
    if (!isStackName(name)) {
      const best = closest(name, [...STACK_NAMES]);
      const hint = distance(name, best) <= 2 ? ` Did you mean "${best}"?` : "";
      throw new UserError(`unknown stack "${name}".${hint} Stacks: ${STACK_NAMES.join(", ")} (declared in packages/wiring/src/graph.ts).`);
    }
  }
  // `--stack ""` (an unset variable in a script) would otherwise plan or deploy nothing and succeed.
  if (names.length === 0) throw new UserError(`--stack was given no stack name. Stacks: ${STACK_NAMES.join(", ")}; leave --stack out for all of them.`);
  return names as StackName[];
}
