import * as ts from "typescript";
import { UserError } from "../errors";

/**
 * Structural edits of the wiring's TypeScript sources: the place to insert is found in the
 * syntax tree, not by matching text, so formatting and comments around it do not matter, and
 * the result must parse again before anything is written.
 */

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The initializer of `const <name> = ...`, through `as` and `satisfies`. */
function initializerOf(source: ts.SourceFile, name: string): ts.Expression {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.name.text === name && decl.initializer) {
        let init: ts.Expression = decl.initializer;
        while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
        return init;
      }
    }
  }
  throw new UserError(`${source.fileName} declares no const ${name}; the scaffold cannot add the stack to it. Add it by hand.`);
}

/** Inserts `item` as the last element of an array or object literal, keeping a trailing comma style. */
function appendTo(text: string, list: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression, item: string): string {
  const elements: ts.NodeArray<ts.Node> = ts.isArrayLiteralExpression(list) ? list.elements : list.properties;
  if (elements.length === 0) return `${text.slice(0, list.getEnd() - 1)}${item}${text.slice(list.getEnd() - 1)}`;
  const last = elements[elements.length - 1];
  const at = elements.hasTrailingComma ? text.indexOf(",", last.getEnd()) + 1 : last.getEnd();
  const spaced = item.startsWith("\n") ? item : ` ${item}`;
  const insert = elements.hasTrailingComma ? `${spaced},` : `,${spaced}`;
  return `${text.slice(0, at)}${insert}${text.slice(at)}`;
}

function expectKind<T extends ts.Node>(node: ts.Node, guard: (n: ts.Node) => n is T, what: string, file: string): T {
  if (!guard(node)) throw new UserError(`${file}: ${what} is not a literal the scaffold can extend. Add the stack by hand.`);
  return node;
}

/** Appends `element` (source text) to the array literal `const <name> = [...]`. */
export function appendArrayElement(file: string, text: string, name: string, element: string): string {
  const source = parse(file, text);
  const list = expectKind(initializerOf(source, name), ts.isArrayLiteralExpression, name, file);
  return appendTo(text, list, element);
}

/** Appends `property` (source text, e.g. `\n  data: {...}`) to the object literal `const <name> = {...}`. */
export function appendObjectProperty(file: string, text: string, name: string, property: string): string {
  const source = parse(file, text);
  const object = expectKind(initializerOf(source, name), ts.isObjectLiteralExpression, name, file);
  return appendTo(text, object, property);
}

/** Adds `name` to the export list `export { a, b }` of the file. */
export function appendToExportList(file: string, text: string, name: string): string {
  const source = parse(file, text);
  const exports = source.statements.find(
    (s): s is ts.ExportDeclaration => ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause !== undefined && ts.isNamedExports(s.exportClause),
  );
  if (!exports?.exportClause || !ts.isNamedExports(exports.exportClause)) throw new UserError(`${file} has no export { ... } list; add ${name} to it by hand.`);
  const last = exports.exportClause.elements[exports.exportClause.elements.length - 1];
  return `${text.slice(0, last.getEnd())}, ${name}${text.slice(last.getEnd())}`;
}

/** Inserts an import statement after the file's last import. */
export function addImport(file: string, text: string, statement: string): string {
  const source = parse(file, text);
  const imports = source.statements.filter(ts.isImportDeclaration);
  const at = imports.length > 0 ? imports[imports.length - 1].getEnd() : 0;
  return `${text.slice(0, at)}\n${statement}${text.slice(at)}`;
}

/** Refuses text that no longer parses: a scaffold must never leave the wiring broken. */
export function assertParses(file: string, text: string): void {
  const source = parse(file, text) as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] };
  const problems = source.parseDiagnostics ?? [];
  if (problems.length > 0) {
    const first = ts.flattenDiagnosticMessageText(problems[0].messageText, "\n");
    throw new UserError(`editing ${file} would leave it unparsable (${first}); nothing was written. Add the stack by hand.`);
  }
}
