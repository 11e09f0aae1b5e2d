import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_NAMES, STACKS, type StackName } from "@platform/wiring";
import { stackConfigDir } from "../environments";

/** What decides which stacks a file belongs to, as paths relative to the repository root. */
export interface WorkspaceLayout {
  /** Per stack: folders (ending in "/") and files that belong to it. */
  readonly stackPaths: Readonly<Record<StackName, readonly string[]>>;
  /** Per stack: folders ("x/") of the workspace packages it depends on, transitively. */
  readonly stackPackageDirs: Readonly<Record<StackName, readonly string[]>>;
}

interface PackageJson {
  name?: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackageJson(file: string): PackageJson | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
}

const toPosix = (p: string): string => p.split(path.sep).join("/");

/** Workspace package name -> its folder, expanding the root's `workspaces` globs (`dir/*` or `dir`). */
function workspacePackages(root: string): Map<string, string> {
  const packages = new Map<string, string>();
  for (const pattern of readPackageJson(path.join(root, "package.json"))?.workspaces ?? []) {
    const dirs = pattern.endsWith("/*")
      ? (() => {
          const parent = path.join(root, pattern.slice(0, -2));
          return fs.existsSync(parent) ? fs.readdirSync(parent).map((d) => path.join(parent, d)) : [];
        })()
      : [path.join(root, pattern)];
    for (const dir of dirs) {
      const name = readPackageJson(path.join(dir, "package.json"))?.name;
      if (name !== undefined) packages.set(name, `${toPosix(path.relative(root, dir))}/`);
    }
  }
  return packages;
}

function dependencyNames(pkg: PackageJson | undefined): string[] {
  if (pkg === undefined) return [];
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
}

/** Folders and files of a stack; the root project (dir ".") owns only its Pulumi files and config folder. */
function pathsOf(root: string, stack: StackName): string[] {
  if (STACKS[stack].dir !== ".") return [`${STACKS[stack].dir}/`];
  const configDir = `${toPosix(path.relative(root, stackConfigDir(root, stack)))}/`;
  const rootPulumiFiles = fs.readdirSync(root).filter((f) => /^Pulumi(\.[^/]+)?\.ya?ml$/.test(f));
  return [configDir, ...rootPulumiFiles];
}

/** Reads the stack folders and their workspace dependencies from the repository at `root`. */
export function readWorkspaceLayout(root: string): WorkspaceLayout {
  const packages = workspacePackages(root);
  const dirToName = new Map([...packages].map(([name, dir]) => [dir, name]));
  const stackPaths = {} as Record<StackName, string[]>;
  const stackPackageDirs = {} as Record<StackName, string[]>;
  for (const stack of STACK_NAMES) {
    stackPaths[stack] = pathsOf(root, stack);
    const ownDir = stackPaths[stack].find((p) => dirToName.has(p));
    const seen = new Set<string>();
    const visit = (name: string): void => {
      const dir = packages.get(name);
      if (dir === undefined || seen.has(dir)) return;
      seen.add(dir);
      dependencyNames(readPackageJson(path.join(root, dir, "package.json"))).forEach(visit);
    };
    if (ownDir !== undefined) dependencyNames(readPackageJson(path.join(root, ownDir, "package.json"))).forEach(visit);
    stackPackageDirs[stack] = [...seen].filter((d) => d !== ownDir).sort();
  }
  return { stackPaths, stackPackageDirs };
}
