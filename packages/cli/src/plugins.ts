import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "./errors";

/** A resource provider plugin the stack programs need, as `pulumi plugin install` takes it. */
export interface RequiredPlugin {
  readonly kind: "resource";
  readonly name: string;
  /** With the leading "v", as the language host reports it. */
  readonly version: string;
  /** Where to download it from, when not Pulumi's default location. */
  readonly server?: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  pulumi?: { resource?: boolean; name?: string; version?: string; server?: string };
}

/**
 * The plugins the lock file implies, found the way the Node.js language host finds them: every
 * installed package whose package.json has `"pulumi": { "resource": true }`, named by
 * `pulumi.name` or the `@pulumi/<name>` package name, at `pulumi.version` or the package version
 * (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go, getPackageInfo, getPluginName,
 * getPluginVersion). The host searches only the program's own folder (GetRequiredPackages,
 * main.go:480-496); our node_modules is hoisted to the repository root, so it finds none and the
 * engine downloads plugins on demand in every run. CI installs these exact versions up front.
 */
export function requiredPlugins(root: string): RequiredPlugin[] {
  const lockFile = path.join(root, "package-lock.json");
  if (!fs.existsSync(lockFile)) throw new UserError(`${lockFile} does not exist; the plugin versions come from the lock file. Run npm install to create it.`);
  const lock = JSON.parse(fs.readFileSync(lockFile, "utf8")) as { packages?: Record<string, { version?: string; link?: boolean; optional?: boolean }> };
  const found = new Map<string, RequiredPlugin>();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!/(^|\/)node_modules\//.test(key) || entry.link === true) continue;
    const manifestFile = path.join(root, key, "package.json");
    if (!fs.existsSync(manifestFile)) {
      // Optional packages for other platforms (swc's binaries) are listed but not installed.
      if (entry.optional === true) continue;
      throw new UserError(`${key} is in package-lock.json but not installed; run npm ci first (plugin names and versions are read from each package's package.json).`);
    }
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as PackageJson;
    if (manifest.pulumi?.resource !== true) continue;
    const name = manifest.pulumi.name ?? (manifest.name?.startsWith("@pulumi/") ? manifest.name.slice("@pulumi/".length) : undefined);
    const bare = manifest.pulumi.version ?? manifest.version ?? entry.version;
    if (name === undefined || bare === undefined) continue;
    const version = bare.startsWith("v") ? bare : `v${bare}`;
    const plugin: RequiredPlugin = { kind: "resource", name, version, ...(manifest.pulumi.server ? { server: manifest.pulumi.server } : {}) };
    found.set(`${name}@${version}`, plugin);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version, undefined, { numeric: true }));
}
