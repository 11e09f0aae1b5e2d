import { BinaryReader } from "google-protobuf";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { ProtoWriter } from "./proto-writer";
import type { AnalyzerProvider, AnalyzerResource, Diagnostic } from "./types";
import { fromDiagnostics } from "./wire";

/**
 * The Analyzer requests written straight to bytes, with the same encoding as the google-protobuf
 * messages wire.ts builds (field order, sorted map keys, proto3 defaults omitted), and responses
 * read for their diagnostics only. A stack is sent as 1,000+ `analyze` calls; this keeps the
 * client's per-call work small so the pack, not the client, sets the pace.
 *
 * Field numbers: pulumi/proto/pulumi/analyzer.proto and google/protobuf/struct.proto.
 */
const STRUCT = { fields: 1 } as const;
const MAP_ENTRY = { key: 1, value: 2 } as const;
const VALUE = { nullValue: 1, numberValue: 2, stringValue: 3, boolValue: 4, structValue: 5, listValue: 6 } as const;
const LIST_VALUE = { values: 1 } as const;
const RESOURCE = { type: 1, properties: 2, urn: 3, name: 4, options: 5, provider: 6, parent: 7, dependencies: 8, propertyDependencies: 9 } as const;
const PROVIDER = { type: 1, properties: 2, urn: 3, name: 4 } as const;
const OPTIONS = {
  protect: 1,
  ignoreChanges: 2,
  deleteBeforeReplace: 3,
  deleteBeforeReplaceDefined: 4,
  additionalSecretOutputs: 5,
  aliases: 6,
  customTimeouts: 7,
  parent: 8,
} as const;
const PROPERTY_DEPENDENCIES = { urns: 1 } as const;
const STACK_REQUEST = { resources: 1 } as const;
const RESPONSE = { diagnostics: 2 } as const;

/** Encodes a google.protobuf.Value; `where` names the property path for error messages. */
function writeValue(w: ProtoWriter, field: number, value: unknown, where: string): void {
  const mark = w.begin(field);
  if (value === null || value === undefined) {
    // Struct has no undefined: array elements that are undefined travel as null (members are dropped earlier).
    w.varint(VALUE.nullValue, 0);
  } else if (typeof value === "number") {
    w.double(VALUE.numberValue, value);
  } else if (typeof value === "string") {
    w.string(VALUE.stringValue, value);
  } else if (typeof value === "boolean") {
    w.bool(VALUE.boolValue, value);
  } else if (Array.isArray(value)) {
    const list = w.begin(VALUE.listValue);
    for (let i = 0; i < value.length; i++) writeValue(w, LIST_VALUE.values, value[i], `${where}[${i}]`);
    w.end(list);
  } else if (typeof value === "object") {
    const struct = w.begin(VALUE.structValue);
    writeStructFields(w, value as Readonly<Record<string, unknown>>, where);
    w.end(struct);
  } else {
    throw new Error(`property ${where} is a ${typeof value}; resource properties must be JSON values (null, number, string, boolean, array or object)`);
  }
  w.end(mark);
}

/** The fields of a google.protobuf.Struct, keys sorted as google-protobuf's map writer sorts them. */
function writeStructFields(w: ProtoWriter, object: Readonly<Record<string, unknown>>, where: string): void {
  const keys = Object.keys(object).sort();
  for (const key of keys) {
    const value = object[key];
    if (value === undefined) continue;
    const entry = w.begin(STRUCT.fields);
    w.string(MAP_ENTRY.key, key);
    writeValue(w, MAP_ENTRY.value, value, where ? `${where}.${key}` : key);
    w.end(entry);
  }
}

function writeStruct(w: ProtoWriter, field: number, object: Readonly<Record<string, unknown>>): void {
  const mark = w.begin(field);
  writeStructFields(w, object, "");
  w.end(mark);
}

function writeNonEmpty(w: ProtoWriter, field: number, value: string | undefined): void {
  if (value) w.string(field, value);
}

function writeStrings(w: ProtoWriter, field: number, values: readonly string[] | undefined): void {
  for (const v of values ?? []) w.string(field, v);
}

function writeOptions(w: ProtoWriter, r: AnalyzerResource): void {
  const mark = w.begin(RESOURCE.options);
  const opts = r.options ?? {};
  if (opts.protect) w.bool(OPTIONS.protect, true);
  writeStrings(w, OPTIONS.ignoreChanges, opts.ignoreChanges);
  if (opts.deleteBeforeReplace !== undefined) {
    if (opts.deleteBeforeReplace) w.bool(OPTIONS.deleteBeforeReplace, true);
    w.bool(OPTIONS.deleteBeforeReplaceDefined, true);
  }
  writeStrings(w, OPTIONS.additionalSecretOutputs, opts.additionalSecretOutputs);
  writeStrings(w, OPTIONS.aliases, opts.aliases);
  // The engine always sends custom timeouts; all zero here, so the message is empty.
  w.end(w.begin(OPTIONS.customTimeouts));
  writeNonEmpty(w, OPTIONS.parent, opts.parent ?? r.parent);
  w.end(mark);
}

function writeProvider(w: ProtoWriter, p: AnalyzerProvider): void {
  const mark = w.begin(RESOURCE.provider);
  writeNonEmpty(w, PROVIDER.type, p.type);
  writeStruct(w, PROVIDER.properties, p.properties);
  writeNonEmpty(w, PROVIDER.urn, p.urn);
  writeNonEmpty(w, PROVIDER.name, p.name);
  w.end(mark);
}

/** The fields AnalyzeRequest and AnalyzerResource share (same numbers in both messages). */
function writeResourceHead(w: ProtoWriter, r: AnalyzerResource): void {
  writeNonEmpty(w, RESOURCE.type, r.type);
  writeStruct(w, RESOURCE.properties, r.properties);
  writeNonEmpty(w, RESOURCE.urn, r.urn);
  writeNonEmpty(w, RESOURCE.name, r.name);
  writeOptions(w, r);
  if (r.provider) writeProvider(w, r.provider);
}

function writeStackResource(w: ProtoWriter, r: AnalyzerResource): void {
  const mark = w.begin(STACK_REQUEST.resources);
  writeResourceHead(w, r);
  writeNonEmpty(w, RESOURCE.parent, r.parent);
  writeStrings(w, RESOURCE.dependencies, r.dependencies);
  const deps = r.propertyDependencies ?? {};
  for (const key of Object.keys(deps).sort()) {
    const entry = w.begin(RESOURCE.propertyDependencies);
    w.string(MAP_ENTRY.key, key);
    const value = w.begin(MAP_ENTRY.value);
    writeStrings(w, PROPERTY_DEPENDENCIES.urns, deps[key]);
    w.end(value);
    w.end(entry);
  }
  w.end(mark);
}

/** pulumirpc.AnalyzeRequest for one resource, as bytes. */
export function encodeAnalyzeRequest(r: AnalyzerResource): Buffer {
  const w = new ProtoWriter();
  writeResourceHead(w, r);
  return w.finish();
}

/** pulumirpc.AnalyzeStackRequest for the whole stack, as bytes. */
export function encodeAnalyzeStackRequest(resources: readonly AnalyzerResource[]): Buffer {
  const w = new ProtoWriter(64 * 1024);
  for (const r of resources) writeStackResource(w, r);
  return w.finish();
}

/**
 * The diagnostics of a pulumirpc.AnalyzeResponse. The response also lists every policy that did
 * not apply to the resource (most of the pack, for any one resource); nothing here reads those,
 * so they are skipped unparsed.
 */
export function decodeDiagnostics(bytes: Uint8Array): Diagnostic[] {
  const reader = new BinaryReader(bytes);
  const response = new analyzerproto.AnalyzeResponse();
  while (reader.nextField()) {
    if (reader.getFieldNumber() === RESPONSE.diagnostics) {
      const d = new analyzerproto.AnalyzeDiagnostic();
      reader.readMessage(d, analyzerproto.AnalyzeDiagnostic.deserializeBinaryFromReader);
      response.addDiagnostics(d);
    } else {
      reader.skipField();
    }
  }
  return fromDiagnostics(response);
}
