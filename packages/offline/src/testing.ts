import type { RecordedResource, StackRun } from "./types";

/** Every recorded resource of a type token, e.g. "aws:ec2/subnet:Subnet". */
export function resourcesOf(run: StackRun | undefined, type: string): RecordedResource[] {
  if (run === undefined) throw new Error("resourcesOf: that stack did not run");
  return run.resources.filter((r) => r.type === type);
}

/** The one resource of a type; throws when there are none or several. */
export function oneOf(run: StackRun | undefined, type: string, name?: string): RecordedResource {
  const found = resourcesOf(run, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  return found[0];
}
