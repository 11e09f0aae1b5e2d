import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";

/**
 * What the Pulumi CLI compiles each program with. The engine splits `main` into a program
 * directory and an entry point relative to it (pulumi/pulumi sdk/go/common/resource/plugin/langruntime.go,
 * ProgramInfo.ProgramDirectory/EntryPoint); the Node.js language host starts the program with that
 * directory as its working directory (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, `cmd.Dir =
 * req.Info.ProgramDirectory`); and the runner hands ts-node `tsconfig.json` of the working directory,
 * or, when there is none, skips the project and uses ts-node's defaults (sdk/nodejs/cmd/run/run.ts,
 * `skipProject = !fs.existsSync(tsConfigPath)`). A program folder without its own tsconfig.json is
 * compiled without our strict flags and with ts-node's default lib, so an ES2022 call in shared code
 * breaks only the real `pulumi up` of that program.
 */
const root = path.resolve(__dirname, "../..");

function pulumiProjects(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pulumiProjects(full);
    return entry.name === "Pulumi.yaml" ? [full] : [];
  });
}

/** The program directory and entry file the CLI derives from Pulumi.yaml's `main`. */
function program(projectFile: string): { dir: string; entry: string } {
  const projectDir = path.dirname(projectFile);
  const main = (parse(fs.readFileSync(projectFile, "utf8")) as { main?: string }).main;
  const target = path.resolve(projectDir, main ?? ".");
  if (fs.statSync(target).isDirectory()) return { dir: target, entry: path.join(target, "index.ts") };
  return { dir: path.dirname(target), entry: target };
}

function effectiveOptions(tsconfig: string): { options: ts.CompilerOptions; fileNames: string[] } {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig));
  return { options: parsed.options, fileNames: parsed.fileNames.map((f) => path.resolve(f)) };
}

// The flags the shared code is written for, as tsconfig.base.json (what `npm run typecheck` uses) sets them.
const base = effectiveOptions(path.join(root, "tsconfig.base.json")).options;
const REQUIRED = ["strict", "noImplicitOverride", "noFallthroughCasesInSwitch", "noUnusedLocals", "noUnusedParameters", "esModuleInterop", "resolveJsonModule", "target", "lib", "module"] as const;

const programs = pulumiProjects(root).map((file) => ({ project: path.relative(root, file), ...program(file) }));

describe("the tsconfig.json the Pulumi CLI reads for each program", () => {
  it("finds every Pulumi project, the root one (main: bootstrap/index.ts) and the bench's reference program included", () => {
    expect(programs.map((p) => path.relative(root, p.dir)).sort()).toEqual(["bootstrap", "packages/cli/bench/minimal-program", "stacks/app", "stacks/edge", "stacks/network", "stacks/security"]);
  });

  it.each(programs.map((p) => [p.project, p]))("%s: its program directory has one, covering the entry point, with the shared flags, target and lib", (_name, p) => {
    const tsconfig = path.join(p.dir, "tsconfig.json");
    expect({ tsconfig: path.relative(root, tsconfig), exists: fs.existsSync(tsconfig) }).toEqual({ tsconfig: path.relative(root, tsconfig), exists: true });
    const { options, fileNames } = effectiveOptions(tsconfig);
    expect(fileNames).toContain(p.entry);
    for (const key of REQUIRED) expect({ key, value: options[key] }).toEqual({ key, value: base[key] });
    expect(base.strict).toBe(true);
    expect(base.target).toBeGreaterThanOrEqual(ts.ScriptTarget.ES2022);
  });
});
