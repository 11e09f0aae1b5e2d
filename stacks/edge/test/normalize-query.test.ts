import * as fc from "fast-check";
import { readFileSync } from "node:fs";
import * as ts from "typescript";
import { FUNCTION_FILE, MAX_FUNCTION_BYTES, normalizeQueryCode } from "../src/query-function";
import { loadHandler, serialize, viewerRequest } from "./cloudfront-event";

const handler = loadHandler(["page", "sort", "category"]);
const run = (raw: string) => serialize(handler(viewerRequest("/api/products/list", raw)).querystring);

describe("the query-normalising CloudFront Function (run from its file in a fresh context)", () => {
  it("keeps only allow-listed keys, lower-cases them and sorts them", () => {
    expect(run("utm_source=x&Sort=price&fbclid=abc&page=2")).toBe("page=2&sort=price");
  });

  it("drops empty values and keys without a value", () => {
    expect(run("page=&sort=name&category")).toBe("sort=name");
  });

  it("merges keys that differ only in case and keeps repeated values in the order sent", () => {
    expect(run("Category=b&category=a")).toBe("category=b&category=a");
  });

  it("leaves the rest of the request untouched", () => {
    const event = viewerRequest("/api/products/list", "page=1");
    const out = handler(event);
    expect(out.uri).toBe("/api/products/list");
    expect(out.headers).toEqual(event.request.headers);
  });

  it("returns an empty query string when no allowed key survives", () => {
    expect(run("utm_campaign=spring&gclid=1")).toBe("");
  });

  it("gives every permutation and case variant of a query the same result (property)", () => {
    const key = fc.constantFrom("page", "sort", "category", "utm_source", "ref", "gclid");
    const pair = fc.tuple(key, fc.boolean(), fc.stringMatching(/^[a-z0-9]{0,3}$/));
    fc.assert(
      fc.property(fc.uniqueArray(pair, { selector: ([k]) => k, maxLength: 6 }), fc.integer({ min: 0, max: 10_000 }), (pairs, seed) => {
        const plain = pairs.map(([k, , v]) => `${k}=${v}`).join("&");
        const shuffled = [...pairs]
          .sort((a, b) => ((a[0].charCodeAt(0) * seed) % 7) - ((b[0].charCodeAt(0) * seed) % 7))
          .map(([k, upper, v]) => `${upper ? k.toUpperCase() : k}=${v}`)
          .join("&");
        expect(run(shuffled)).toBe(run(plain));
      }),
    );
  });

  it("is idempotent and only ever emits sorted, allowed, non-empty keys (property)", () => {
    const raw = fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z_]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,3}$/)), { maxLength: 8 });
    fc.assert(
      fc.property(raw, (pairs) => {
        const once = run(pairs.map(([k, v]) => `${k}=${v}`).join("&"));
        expect(run(once)).toBe(once);
        const keys = once === "" ? [] : once.split("&").map((p) => p.split("=")[0]);
        expect(keys.every((k) => ["page", "sort", "category"].includes(k))).toBe(true);
        expect([...keys].sort()).toEqual(keys);
        expect(once.split("&").every((p) => p === "" || !p.endsWith("="))).toBe(true);
      }),
    );
  });
});

describe("the function code the stack deploys", () => {
  it("stays under CloudFront's 10 KB limit even with the largest allow-list config accepts", () => {
    const keys = Array.from({ length: 10 }, (_, i) => `${String(i).padStart(2, "0")}${"k".repeat(62)}`);
    expect(Buffer.byteLength(normalizeQueryCode(keys), "utf8")).toBeLessThan(MAX_FUNCTION_BYTES);
  });

  it("refuses a key that could break out of the generated constant", () => {
    expect(() => normalizeQueryCode(['page"];evil();//'])).toThrow(/is not a lower-case key/);
  });

  it("refuses code over the limit instead of letting CloudFront reject it at deploy time", () => {
    expect(() => normalizeQueryCode(["page"], "x".repeat(MAX_FUNCTION_BYTES))).toThrow(/allow 10240/);
  });

  it("defines ALLOWED_KEYS once, sorted, as the first line", () => {
    expect(normalizeQueryCode(["sort", "page"]).split("\n")[0]).toBe('var ALLOWED_KEYS = ["page","sort"];');
  });
});

/** Syntax cloudfront-js-2.0 does not list as supported (Developer Guide, "JavaScript runtime 2.0 features"). */
const UNSUPPORTED: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.ClassDeclaration]: "classes",
  [ts.SyntaxKind.ClassExpression]: "classes",
  [ts.SyntaxKind.ForOfStatement]: "for-of",
  [ts.SyntaxKind.SpreadElement]: "spread",
  [ts.SyntaxKind.SpreadAssignment]: "object spread",
  [ts.SyntaxKind.ObjectBindingPattern]: "destructuring",
  [ts.SyntaxKind.ArrayBindingPattern]: "destructuring",
  [ts.SyntaxKind.YieldExpression]: "generators",
  [ts.SyntaxKind.ImportDeclaration]: "modules",
  [ts.SyntaxKind.ExportAssignment]: "modules",
  [ts.SyntaxKind.ExportDeclaration]: "modules",
  [ts.SyntaxKind.QuestionDotToken]: "optional chaining",
  [ts.SyntaxKind.QuestionQuestionToken]: "nullish coalescing",
  [ts.SyntaxKind.TaggedTemplateExpression]: "tagged templates",
  [ts.SyntaxKind.RegularExpressionLiteral]: "regular expressions (kept out to avoid unsupported flags)",
};
const FORBIDDEN_NAMES = new Set(["require", "module", "exports", "process", "eval", "Function", "setTimeout", "setInterval", "fetch", "Promise"]);

describe("normalize-query.js uses only what cloudfront-js-2.0 provides", () => {
  const source = readFileSync(FUNCTION_FILE, "utf8");
  const file = ts.createSourceFile("normalize-query.js", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);

  it("parses without syntax errors", () => {
    const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    expect(diagnostics).toEqual([]);
  });

  it("contains no syntax the runtime lacks and no Node or timer globals", () => {
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      const why = UNSUPPORTED[node.kind];
      if (why) found.push(`${why} at ${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      if (ts.isIdentifier(node) && FORBIDDEN_NAMES.has(node.text)) found.push(`${node.text} at ${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.asteriskToken) found.push("generator function");
      ts.forEachChild(node, visit);
    };
    visit(file);
    expect(found).toEqual([]);
  });

  it("declares the viewer-request entry point `handler(event)` at top level", () => {
    const handlers = file.statements.filter((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === "handler");
    expect(handlers).toHaveLength(1);
    expect(handlers[0].parameters).toHaveLength(1);
  });
});
