import * as fs from "node:fs";
import * as path from "node:path";
import { isStackName } from "@platform/wiring";
import { UserError } from "../errors";
import { changeSetFromDigest } from "./from-digest";
import { changeSetFromEvents } from "./from-events";
import { asObject, asString, parseUrn } from "./engine-text";
import type { StackChangeSet } from "./model";
import { parseRunLog, type JsonObject } from "./parse-file";

/** `network.jsonl` -> "network"; `preview-x.events.json` -> "preview-x". */
function baseName(file: string): string {
  return path.basename(file).replace(/(\.events)?\.(jsonl|ndjson|json|log)$/i, "");
}

/** `<project> (<stack>)` from the first URN of an event or step, when the file name says nothing. */
function nameFromUrns(items: readonly JsonObject[]): string | undefined {
  for (const item of items) {
    const candidates = [item, ...Object.values(item).map(asObject)];
    for (const candidate of candidates) {
      const urn = asString(candidate?.urn) ?? asString(asObject(candidate?.metadata)?.urn) ?? asString(candidate?.resourceUrn);
      if (urn === undefined) continue;
      const { project, stack } = parseUrn(urn);
      if (project && stack) return `${project} (${stack})`;
    }
  }
  return undefined;
}

/**
 * Reads one saved run. Its stack name: `name` if given; else the file name when it is a graph
 * stack (`.platform/events/dev/network.jsonl`); else project and stack from its URNs; else the file name.
 */
export function readChangeSet(file: string, name?: string): StackChangeSet {
  let textContent: string;
  try {
    textContent = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${file} (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : String(code)}). Pass event-log files, e.g. .platform/events/dev/*.jsonl.`);
  }
  const parsed = parseRunLog(file, textContent);
  const items = parsed.format === "events" ? parsed.events : (Array.isArray(parsed.digest.steps) ? parsed.digest.steps : []).map(asObject).filter((s): s is JsonObject => s !== undefined);
  const fromFile = baseName(file);
  const stack = name ?? (isStackName(fromFile) ? fromFile : (nameFromUrns(items) ?? fromFile));
  // The file name alone: the full path differs between machines and adds nothing for a reviewer.
  const source = path.basename(file);
  return parsed.format === "events" ? changeSetFromEvents(stack, source, parsed.events) : changeSetFromDigest(stack, source, parsed.digest);
}
