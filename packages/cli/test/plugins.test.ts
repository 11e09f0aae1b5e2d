import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../src/errors";
import { requiredPlugins } from "../src/plugins";

const ROOT = path.resolve(__dirname, "../../..");

test("the repository's plugins are the lock file's exact provider versions, aliased packages included", () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
  const plugins = requiredPlugins(ROOT).map((p) => `${p.name} ${p.version}`);
  expect(plugins).toContain(`aws v${lock.packages["node_modules/@pulumi/aws"].version}`);
  expect(plugins).toContain(`awsx v${lock.packages["node_modules/@pulumi/awsx"].version}`);
  // awsx depends on "docker-classic": "npm:@pulumi/docker@3.x"; the language host reports it too.
  expect(plugins).toContain(`docker v${lock.packages["node_modules/docker-classic"].version}`);
  expect(plugins.some((p) => p.startsWith("pulumi "))).toBe(false);
});

describe("names and versions follow the Node.js language host (pulumi-language-nodejs main.go getPluginName/getPluginVersion)", () => {
  let root: string;
  const install = (dir: string, manifest: object): void => {
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    fs.writeFileSync(path.join(root, dir, "package.json"), JSON.stringify(manifest));
  };
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "platform-plugins-"));
    const packages = {
      "": { name: "root" },
      "node_modules/@pulumi/gcp": { version: "8.1.0" },
      "node_modules/@acme/widgets": { version: "1.2.3" },
      "node_modules/nested/node_modules/@pulumi/tls": { version: "5.0.0" },
      "node_modules/left-pad": { version: "1.3.0" },
      "node_modules/@esbuild/other-os": { version: "0.1.0", optional: true },
    };
    fs.writeFileSync(path.join(root, "package-lock.json"), JSON.stringify({ packages }));
    install("node_modules/@pulumi/gcp", { name: "@pulumi/gcp", version: "8.1.0", pulumi: { resource: true } });
    install("node_modules/@acme/widgets", { name: "@acme/widgets", version: "1.2.3", pulumi: { resource: true, name: "widgets", version: "v0.9.0", server: "github://api.github.com/acme" } });
    install("node_modules/nested/node_modules/@pulumi/tls", { name: "@pulumi/tls", version: "5.0.0", pulumi: { resource: true, name: "tls" } });
    install("node_modules/left-pad", { name: "left-pad", version: "1.3.0" });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test("the name comes from pulumi.name or the @pulumi/ package name, the version from pulumi.version or the package, with a v", () => {
    expect(requiredPlugins(root)).toEqual([
      { kind: "resource", name: "gcp", version: "v8.1.0" },
      { kind: "resource", name: "tls", version: "v5.0.0" },
      { kind: "resource", name: "widgets", version: "v0.9.0", server: "github://api.github.com/acme" },
    ]);
  });

  test("a package the lock lists but npm did not install is a user error saying to run npm ci", () => {
    fs.rmSync(path.join(root, "node_modules/left-pad"), { recursive: true });
    expect(() => requiredPlugins(root)).toThrow(UserError);
    expect(() => requiredPlugins(root)).toThrow("node_modules/left-pad is in package-lock.json but not installed; run npm ci first");
  });
});
