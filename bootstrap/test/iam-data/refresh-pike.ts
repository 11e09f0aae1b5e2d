/**
 * Refreshes the vendored pike mappings from a pike checkout:
 *
 *   node -r ./packages/cli/bin/register-ts.js bootstrap/test/iam-data/refresh-pike.ts <path to a JamesWoolfenden/pike checkout>
 *
 * Plans every environment offline, derives the Terraform type of each resource type and data
 * source the plans use, and copies exactly those mappings (plus pike's index of every name it
 * maps, its licence and the source commit) into bootstrap/test/iam-data/pike/.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { COMPONENT_CALLS, isWithoutAwsCalls } from "./component-calls";
import { PIKE_DIR, type PikeIndex } from "./pike";
import { planEveryEnvironment } from "./plans";
import { terraformTypeOf, type TerraformKind, type TerraformType } from "./terraform-types";

function fail(message: string): never {
  process.stderr.write(`refresh-pike: ${message}\n`);
  process.exit(2);
}

function readIndex(checkout: string): PikeIndex {
  const index: Record<TerraformKind, Record<string, string>> = { resource: {}, data: {} };
  for (const kind of ["resource", "data"] as const) {
    const root = path.join(checkout, "src/mapping/aws", kind);
    if (!fs.existsSync(root)) fail(`${root} does not exist: give the path of a pike checkout (git clone https://github.com/JamesWoolfenden/pike)`);
    for (const service of fs.readdirSync(root).sort()) {
      const dir = path.join(root, service);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir).sort()) {
        if (file.endsWith(".json")) index[kind][file.slice(0, -".json".length)] = `${service}/${file}`;
      }
    }
  }
  return index;
}

async function main(): Promise<void> {
  const checkout = process.argv[2];
  if (checkout === undefined) fail("usage: refresh-pike.ts <path to a pike checkout>");
  const index = readIndex(path.resolve(checkout));
  const known = (t: TerraformType) => index[t.kind][t.name] !== undefined;

  const needed = new Map<string, TerraformType>();
  const unmapped = new Set<string>();
  const need = (t: TerraformType) => needed.set(`${t.kind}/${t.name}`, t);
  for (const { runs } of await planEveryEnvironment()) {
    for (const run of Object.values(runs)) {
      const tokens = [...run.resources.map((r) => r.type), ...(run.invokes ?? []).map((i) => i.token)];
      for (const token of new Set(tokens)) {
        if (isWithoutAwsCalls(token)) continue;
        const component = COMPONENT_CALLS[token];
        if (component !== undefined) {
          component.reads.forEach(need);
          continue;
        }
        const type = terraformTypeOf(token, known);
        if (type === undefined) unmapped.add(token);
        else need(type);
      }
    }
  }
  if (unmapped.size > 0) fail(`pike maps no Terraform type for ${[...unmapped].join(", ")}`);

  fs.rmSync(path.join(PIKE_DIR, "resource"), { recursive: true, force: true });
  fs.rmSync(path.join(PIKE_DIR, "data"), { recursive: true, force: true });
  for (const t of needed.values()) {
    const target = path.join(PIKE_DIR, t.kind, index[t.kind][t.name]);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(checkout, "src/mapping/aws", t.kind, index[t.kind][t.name]), target);
  }
  fs.writeFileSync(path.join(PIKE_DIR, "index.json"), `${JSON.stringify(index, null, 1)}\n`);
  fs.copyFileSync(path.join(checkout, "LICENSE"), path.join(PIKE_DIR, "LICENSE"));
  const git = (...args: string[]) => execFileSync("git", ["-C", checkout, ...args], { encoding: "utf8" }).trim();
  const source = { repository: "https://github.com/JamesWoolfenden/pike", commit: git("rev-parse", "HEAD"), committed: git("log", "-1", "--format=%cI"), licence: "Apache-2.0" };
  fs.writeFileSync(path.join(PIKE_DIR, "SOURCE.json"), `${JSON.stringify(source, null, 2)}\n`);
  const count = (kind: TerraformKind) => [...needed.values()].filter((t) => t.kind === kind).length;
  process.stdout.write(`refresh-pike: ${count("resource")} resource types and ${count("data")} data sources from pike ${source.commit}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => fail(err instanceof Error ? err.message : String(err)),
);
