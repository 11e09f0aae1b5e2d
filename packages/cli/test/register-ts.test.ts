import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../src/repo";
import { REGISTER_TS, thrownByRequire } from "./support/register-ts";

// The `.ts` loader of bin/platform.js (bin/register-ts.js), run in real node processes.
const { compile } = require(REGISTER_TS) as { compile: (source: string, filename: string) => string };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-ts-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}

describe("source maps", () => {
  // Types, an import and an enum before the throw, so the emitted JavaScript has it on another line.
  const lines = ['import * as path from "node:path";', "interface Box {", "  size: number;", "}", "enum Kind { A }", "const box: Box = { size: Kind.A };", 'export const where = () => { throw new Error(path.sep + box.size); };', "where();"];
  const file = write("throws.ts", lines);
  const throwLine = lines.findIndex((l) => l.includes("throw new Error")) + 1;

  it.each([
    ["--enable-source-maps", ["--enable-source-maps"], {}],
    ["NODE_OPTIONS=--enable-source-maps", [], { NODE_OPTIONS: "--enable-source-maps" }],
  ])("map a stack trace to the .ts line with %s", (_, args, env) => {
    expect(thrownByRequire(file, args, { ...process.env, ...env })).toContain(`${file}:${throwLine}:`);
  });

  it("are not emitted otherwise: Node would read and keep them for nothing", () => {
    const probe = `process.stdout.write(require(${JSON.stringify(REGISTER_TS)}).compile("const a: number = 1;", "a.ts"))`;
    const plain = execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" });
    const mapped = execFileSync(process.execPath, ["--enable-source-maps", "-e", probe], { encoding: "utf8" });
    expect(plain).not.toContain("sourceMappingURL");
    expect(mapped).toContain("//# sourceMappingURL=data:application/json;base64,");
  });
});

describe("a file that does not compile", () => {
  it("is one line, file:line:column: swc's message, with no Rust backtrace or swc drawing", () => {
    const file = write("plain.ts", ["export const a = 1;", "const x: number = ;"]);
    const thrown = thrownByRequire(file);
    expect(thrown.split("\n")[0]).toBe(`SyntaxError: ${file}:2:19: Expression expected`);
    expect(thrown).not.toMatch(/backtrace|Caused by|,-\[|\^/);
  });

  it("counts the column in characters, where swc's drawing counts a tab as 4 and 日 as 2", () => {
    const line = '\tconst s = "日本😀"; foo(, 1);';
    const file = write("wide.ts", [line]);
    expect(thrownByRequire(file).split("\n")[0]).toMatch(new RegExp(`^SyntaxError: ${file}:1:${line.indexOf(",") + 1}: `));
  });

  // On a terminal (stdout and stderr both), swc draws in colour with box characters instead.
  const script = ["/usr/bin/script", "/bin/script"].find((p) => fs.existsSync(p));
  (script ? it : it.skip)("is the same when swc draws for a terminal", () => {
    const line = '\tconst s = "日本";\tfoo(, 1);';
    const file = write("terminal.ts", [line]);
    const out = path.join(dir, "terminal.json");
    const probe = write("terminal-probe.js", [
      `const swc = require(${JSON.stringify(require.resolve("@swc/core"))});`,
      `const raw = (() => { try { swc.transformSync(${JSON.stringify(line)}, { filename: "x.ts" }); } catch (err) { return err.message; } })();`,
      `let hook; try { require(${JSON.stringify(file)}); } catch (err) { hook = err.message; }`,
      `require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify({ raw, hook }));`,
    ]);
    const run = spawnSync(script!, ["-qec", `'${process.execPath}' -r '${REGISTER_TS}' '${probe}'`, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: undefined }, timeout: 30_000 });
    expect(run.status).toBe(0);
    const { raw, hook } = JSON.parse(fs.readFileSync(out, "utf8")) as { raw: string; hook: string };
    expect(raw).toContain("×");
    expect(hook).toBe(`${file}:1:${line.indexOf(",") + 1}: Expression expected`);
  });
});

test("compiles the CLI's sources to exactly what jest's transform runs in the tests", () => {
  // jest.config.js's @swc/jest options, through @swc/jest itself (not a copy of them).
  const [transformer, options] = (require(path.join(REPO_ROOT, "jest.config.js")) as { transform: Record<string, [string, object]> }).transform["^.+\\.ts$"];
  const jest = (require(transformer) as { createTransformer: (o: object) => { process: (src: string, file: string, o: object) => { code: string } } }).createTransformer(options);
  const withoutMap = (code: string) => code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "").trimEnd();
  const files = execFileSync("git", ["ls-files", "packages/cli/src", "packages/wiring/src", "packages/offline/src", "stacks/network"], { cwd: REPO_ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(REPO_ROOT, f));
  expect(files.length).toBeGreaterThan(50);
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    expect([file, withoutMap(compile(source, file))]).toEqual([file, withoutMap(jest.process(source, file, { supportsStaticESM: false }).code)]);
  }
});
