/**
 * Refreshes packages/cli/data/force-new.json: the input properties of every AWS resource type
 * our stacks use whose change makes the provider replace the resource, read from the Terraform
 * AWS provider's own schemas (which pulumi-aws bridges): `ForceNew: true` in SDKv2 schemas and
 * `RequiresReplace` plan modifiers in plugin-framework ones, nested blocks as property paths.
 *
 *   node -r ./packages/cli/bin/register-ts.js packages/cli/scripts/refresh-force-new.ts <terraform-provider-aws git dir> [commit]
 *
 * The git dir may be a bare clone or a checkout's .git; nothing is fetched. The resource types
 * come from the `new aws.<module>.<Type>(` calls in stacks/, packages/components/ and
 * bootstrap/, their tokens from the installed @pulumi/aws.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { resourceSchema, type GoPackage, type TfAttribute } from "./force-new/tf-schema";
import { pulumiName, terraformTypeCandidates } from "./force-new/pulumi-names";

const REPO = path.resolve(__dirname, "../../..");
const OUT = path.join(REPO, "packages/cli/data/force-new.json");
const SOURCE_DIRS = ["stacks", "packages/components", "bootstrap"];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(full);
    return /\.ts$/.test(e.name) ? [full] : [];
  });
}

/** Type tokens of the aws resources the repository's programs construct, from @pulumi/aws's own `__pulumiType`. */
function tokensInUse(): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(REPO, d)))) {
    for (const [, module, type] of fs.readFileSync(file, "utf8").matchAll(/new aws\.([a-z0-9]+)\.([A-Z][A-Za-z0-9]+)\(/g)) {
      const js = path.join(REPO, "node_modules/@pulumi/aws", module, `${type[0].toLowerCase()}${type.slice(1)}.js`);
      const token = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(js, "utf8"))?.[1];
      if (!token) throw new Error(`${js} declares no __pulumiType`);
      tokens.set(token, js);
    }
  }
  return tokens;
}

/** Top-level input names the SDK class accepts (`resourceInputs["cidrBlock"] = args?.cidrBlock`). */
const inputNames = (js: string): Set<string> => new Set([...fs.readFileSync(js, "utf8").matchAll(/resourceInputs\["(\w+)"\] = args\?\./g)].map((m) => m[1]));

function main(): void {
  const [gitDir, rev = "HEAD"] = process.argv.slice(2);
  if (!gitDir) {
    process.stderr.write("usage: refresh-force-new.ts <terraform-provider-aws git dir> [commit]\n");
    process.exit(2);
  }
  // stderr ignored: git grep complains about large binary fixtures a partial mirror lacks.
  const git = (...args: string[]): string => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  const commit = git("rev-parse", rev).trim();
  const show = (file: string): string => git("show", `${commit}:${file}`);

  const constants = new Map<string, string>();
  for (const file of git("ls-tree", "--name-only", commit, "names/").split("\n").filter((f) => f.endsWith(".go"))) {
    for (const [, name, value] of show(file).matchAll(/^\s*(Attr\w+)\s*=\s*"([^"]+)"/gm)) constants.set(name, value);
  }
  const registered = new Map<string, string>();
  for (const line of git("grep", "-n", "-E", '@(SDK|Framework)Resource\\("aws_', commit, "--", "internal/service").split("\n")) {
    const m = /^[^:]+:([^:]+):\d+:.*Resource\("(aws_[a-z0-9_]+)"/.exec(line);
    if (m) registered.set(m[2], m[1]);
  }
  // Framework resources annotated without a type name declare it in their Metadata method.
  for (const line of git("grep", "-n", "-E", 'TypeName = "aws_', commit, "--", "internal/service").split("\n")) {
    const m = /^[^:]+:([^:]+):\d+:.*TypeName = "(aws_[a-z0-9_]+)"/.exec(line);
    if (m && !m[1].endsWith("_test.go") && !registered.has(m[2])) registered.set(m[2], m[1]);
  }

  const packages = new Map<string, GoPackage>();
  const packageOf = (dir: string): GoPackage => {
    let pkg = packages.get(dir);
    if (!pkg) {
      const files = new Map<string, string>();
      for (const f of git("ls-tree", "--name-only", commit, `${dir}/`).split("\n")) if (f.endsWith(".go") && !f.endsWith("_test.go")) files.set(f, show(f));
      pkg = { files, constants };
      packages.set(dir, pkg);
    }
    return pkg;
  };

  const resources: Record<string, { terraformType: string; file: string; forceNew: string[] }> = {};
  const missing: Record<string, string> = {};
  const warnings: string[] = [];
  for (const [token, js] of [...tokensInUse()].sort(([a], [b]) => a.localeCompare(b))) {
    const candidates = terraformTypeCandidates(token);
    const tfType = candidates.find((c) => registered.has(c));
    if (!tfType) {
      missing[token] = `no ${candidates.join(" or ")} registered in internal/service at this commit`;
      continue;
    }
    const file = registered.get(tfType) as string;
    const schema = resourceSchema(tfType, file, packageOf(path.posix.dirname(file)));
    if (!schema) {
      missing[token] = `${file}: ${tfType}'s schema could not be read`;
      continue;
    }
    const paths: string[] = [];
    const walk = (attrs: readonly TfAttribute[], prefix: string): void => {
      for (const a of attrs) {
        const name = `${prefix}${pulumiName(tfType, a, prefix === "")}`;
        if (a.forceNew) paths.push(name);
        walk(a.children, `${name}.`);
      }
    };
    walk(schema, "");
    const inputs = inputNames(js);
    for (const p of paths) if (!inputs.has(p.split(".")[0])) warnings.push(`${token}: ${p} is not an input of ${path.relative(REPO, js)}`);
    resources[token] = { terraformType: tfType, file, forceNew: [...new Set(paths)].sort() };
  }

  const data = {
    source: {
      repository: "https://github.com/hashicorp/terraform-provider-aws",
      commit,
      license: "MPL-2.0",
      refreshedBy: "packages/cli/scripts/refresh-force-new.ts",
    },
    resources,
    missing,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(data, null, 2)}\n`);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const attrs = Object.values(resources).reduce((n, r) => n + r.forceNew.length, 0);
  process.stdout.write(`${path.relative(REPO, OUT)}: ${Object.keys(resources).length} types, ${attrs} replacing properties, ${Object.keys(missing).length} types not found (commit ${commit})\n`);
}

main();
