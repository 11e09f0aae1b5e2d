import { field, keyedElements, literalBody, matchingBracket } from "./go-literal";

/** One attribute or nested block of a Terraform resource schema, as far as replacement goes. */
export interface TfAttribute {
  readonly name: string;
  /** A list or set (the bridge pluralises its Pulumi name unless it holds at most one item). */
  readonly list: boolean;
  readonly maxOne: boolean;
  /** `ForceNew: true` (SDKv2) or a `RequiresReplace` plan modifier (plugin framework). */
  readonly forceNew: boolean;
  readonly children: readonly TfAttribute[];
}

/** The Go files of one provider package and the `names.Attr*` constants, read from the provider source. */
export interface GoPackage {
  readonly files: ReadonlyMap<string, string>;
  readonly constants: ReadonlyMap<string, string>;
}

function keyName(key: string, pkg: GoPackage): string | undefined {
  const literal = /^"([a-z0-9_]+)"$/.exec(key);
  if (literal) return literal[1];
  return pkg.constants.get(key.replace(/^names\./, ""));
}

/** The body of package-level function `name` (its text between braces), searched in every file of the package. */
function functionBody(name: string, pkg: GoPackage): string | undefined {
  const signature = new RegExp(`\\nfunc ${name}\\(`);
  for (const src of pkg.files.values()) {
    const at = signature.exec(src);
    if (!at) continue;
    const open = src.indexOf("{", src.indexOf(")", at.index));
    return src.slice(open + 1, matchingBracket(src, open));
  }
  return undefined;
}

/** A local helper call such as `lambdaFunctionAssociationSchema()`; calls into other packages are not followed. */
const localCall = (value: string): string | undefined => /^([a-z]\w*)\(\)$/.exec(value)?.[1] ?? /^([A-Z]\w*)\(\)$/.exec(value)?.[1];

const MAP_OPEN = "map[string]*schema.Schema{";

/** The schema map a value stands for: a literal, or a local function that builds one. */
function schemaMapBody(value: string, pkg: GoPackage): string | undefined {
  const literal = value.startsWith("map[") ? literalBody(value) : undefined;
  if (literal !== undefined) return literal;
  const call = localCall(value);
  const body = call ? functionBody(call, pkg) : undefined;
  const at = body?.indexOf(MAP_OPEN) ?? -1;
  if (body === undefined || at < 0) return undefined;
  const open = at + MAP_OPEN.length - 1;
  return body.slice(open + 1, matchingBracket(body, open));
}

function sdkSchemaFields(value: string, pkg: GoPackage): string | undefined {
  const literal = literalBody(value);
  if (literal !== undefined) return literal;
  const call = localCall(value);
  const body = call ? functionBody(call, pkg) : undefined;
  const ret = body ? /return\s+&schema\.Schema\{/.exec(body) : null;
  if (!body || !ret) return undefined;
  const open = ret.index + ret[0].length - 1;
  return body.slice(open + 1, matchingBracket(body, open));
}

/** The nested attributes of an SDKv2 `Elem:` (a `&schema.Resource{Schema: ...}` or a helper returning one). */
function sdkElemChildren(elem: string | undefined, pkg: GoPackage): TfAttribute[] {
  if (elem === undefined || elem.startsWith("&schema.Schema")) return [];
  const resource = literalBody(elem);
  const schema = resource !== undefined ? field(resource, "Schema") : undefined;
  const map = schema !== undefined ? schemaMapBody(schema, pkg) : schemaMapBody(elem, pkg);
  return map === undefined ? [] : sdkSchemaMap(map, pkg);
}

/** An SDKv2 `map[string]*schema.Schema{...}` body. */
export function sdkSchemaMap(body: string, pkg: GoPackage): TfAttribute[] {
  const out: TfAttribute[] = [];
  for (const { key, value } of keyedElements(body)) {
    const name = keyName(key, pkg);
    const fields = sdkSchemaFields(value, pkg);
    if (name === undefined || fields === undefined) continue;
    const type = field(fields, "Type") ?? "";
    out.push({
      name,
      list: /TypeList|TypeSet/.test(type),
      maxOne: field(fields, "MaxItems") === "1",
      forceNew: field(fields, "ForceNew") === "true",
      children: sdkElemChildren(field(fields, "Elem"), pkg),
    });
  }
  return out;
}

const REPLACES = /\bRequiresReplace(IfConfigured)?\(\)/;

function frameworkNested(objectValue: string | undefined, pkg: GoPackage): TfAttribute[] {
  const object = objectValue === undefined ? undefined : literalBody(objectValue);
  if (object === undefined) return [];
  const attributes = field(object, "Attributes");
  const blocks = field(object, "Blocks");
  return [...frameworkMap(attributes, pkg), ...frameworkMap(blocks, pkg)];
}

/** A plugin-framework `map[string]schema.Attribute{...}` or `map[string]schema.Block{...}`. */
export function frameworkMap(value: string | undefined, pkg: GoPackage): TfAttribute[] {
  const body = value === undefined ? undefined : literalBody(value);
  if (body === undefined) return [];
  const out: TfAttribute[] = [];
  for (const { key, value: element } of keyedElements(body)) {
    const name = keyName(key, pkg);
    const fields = literalBody(element);
    if (name === undefined || fields === undefined) continue;
    const kind = element.slice(0, element.indexOf("{"));
    out.push({
      name,
      list: /List|Set/.test(kind),
      maxOne: /SizeAtMost\(1\)/.test(field(fields, "Validators") ?? ""),
      forceNew: REPLACES.test(field(fields, "PlanModifiers") ?? ""),
      children: frameworkNested(field(fields, "NestedObject"), pkg),
    });
  }
  return out;
}

/**
 * The schema of the resource registered under `tfType` in `file`: an SDKv2 resource function
 * after its `@SDKResource` annotation, or a framework resource's `Schema` method.
 */
export function resourceSchema(tfType: string, file: string, pkg: GoPackage): TfAttribute[] | undefined {
  const src = pkg.files.get(file);
  if (src === undefined) return undefined;
  const sdk = src.indexOf(`@SDKResource("${tfType}"`);
  if (sdk >= 0) {
    const open = src.indexOf("{", src.indexOf("\nfunc ", sdk));
    const body = src.slice(open + 1, matchingBracket(src, open));
    const schema = /\bSchema:\s*/.exec(body);
    if (schema) {
      const start = schema.index + schema[0].length;
      const rest = body.slice(start, body.indexOf("\n", start)).replace(/,\s*$/, "").trim();
      const map = rest.startsWith("map[") ? schemaMapAt(body, start) : schemaMapBody(rest, pkg);
      if (map !== undefined) return sdkSchemaMap(map, pkg);
    }
    const first = schemaMapAt(body, body.indexOf(MAP_OPEN));
    return first === undefined ? undefined : sdkSchemaMap(first, pkg);
  }
  if (src.includes(`@FrameworkResource("${tfType}"`) || src.includes(`TypeName = "${tfType}"`)) {
    // The Schema method may live on a struct this file's resource embeds, in another file.
    const holder = [src, ...pkg.files.values()].find((text) => {
      const m = /\nfunc \(\w+ \*?(\w+)\) Schema\(ctx context\.Context/.exec(text);
      return m !== null && src.includes(m[1]);
    });
    const method = holder === undefined ? null : /\nfunc \(\w+ \*?\w+\) Schema\(ctx context\.Context/.exec(holder);
    if (!holder || !method) return undefined;
    const open = holder.indexOf("{", holder.indexOf(")", holder.indexOf("Schema(", method.index)) + 1);
    const body = holder.slice(open + 1, matchingBracket(holder, open));
    const schemaLiteral = /schema\.Schema\{/.exec(body);
    if (!schemaLiteral) return undefined;
    const schemaOpen = schemaLiteral.index + schemaLiteral[0].length - 1;
    const schemaBody = body.slice(schemaOpen + 1, matchingBracket(body, schemaOpen));
    return [...frameworkMap(field(schemaBody, "Attributes"), pkg), ...frameworkMap(field(schemaBody, "Blocks"), pkg)];
  }
  return undefined;
}

function schemaMapAt(body: string, at: number): string | undefined {
  if (at < 0) return undefined;
  const open = at + MAP_OPEN.length - 1;
  return body.slice(open + 1, matchingBracket(body, open));
}
