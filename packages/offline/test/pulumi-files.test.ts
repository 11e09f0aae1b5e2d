import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OFFLINE_SECRET, prepareStackRun, readStackConfig, stackFiles } from "../src";

function fixtureRepo(projectYaml: string, envYaml: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "offline-files-"));
  fs.mkdirSync(path.join(root, "stacks/network"), { recursive: true });
  fs.writeFileSync(path.join(root, "stacks/network/Pulumi.yaml"), projectYaml);
  fs.writeFileSync(path.join(root, "stacks/network/Pulumi.dev.yaml"), envYaml);
  return root;
}

describe("reading a stack's Pulumi files as the CLI hands them to the program", () => {
  const root = fixtureRepo(
    "name: platform-network\nruntime: nodejs\n",
    [
      "config:",
      "  aws:region: ap-northeast-1",
      "  platform-network:azCount: 3",
      "  platform-network:enabled: true",
      "  vpcCidr: 10.20.0.0/16",
      "  platform-network:routes:",
      "    - path: /api/*",
      "  platform-network:password:",
      "    secure: AAABAKx0bmZ0ZXh0",
      "",
    ].join("\n"),
  );
  const config = readStackConfig(stackFiles(root, "network", "dev"), root);

  it("passes scalars as strings and structured values as JSON, as Pulumi does", () => {
    expect(config.values["platform-network:azCount"]).toBe("3");
    expect(config.values["platform-network:enabled"]).toBe("true");
    expect(JSON.parse(config.values["platform-network:routes"])).toEqual([{ path: "/api/*" }]);
  });

  it("puts keys without a namespace in the project's namespace", () => {
    expect(config.values["platform-network:vpcCidr"]).toBe("10.20.0.0/16");
    expect(config.values["aws:region"]).toBe("ap-northeast-1");
  });

  it("turns encrypted values into an opaque secret instead of their ciphertext", () => {
    expect(config.values["platform-network:password"]).toBe(OFFLINE_SECRET);
    expect(config.secretKeys).toEqual(["platform-network:password"]);
  });
});

describe("mistakes in a stack's Pulumi files", () => {
  it("names the project file when its name disagrees with the stack graph", () => {
    const root = fixtureRepo("name: network\nruntime: nodejs\n", "config: {}\n");
    expect(() => stackFiles(root, "network", "dev")).toThrow(/Pulumi\.yaml names the project "network", but packages\/wiring\/src\/graph\.ts expects "platform-network"/);
  });

  it("names the missing environment file and how to create it", () => {
    const root = fixtureRepo("name: platform-network\nruntime: nodejs\n", "config: {}\n");
    expect(() => readStackConfig(stackFiles(root, "network", "prod"), root)).toThrow(/stacks\/network\/Pulumi\.prod\.yaml does not exist \(environments of this stack: dev\)\. Pick one of those, or copy/);
  });

  it("names a file that is not YAML", () => {
    const root = fixtureRepo("name: platform-network\nruntime: nodejs\n", "config: [unclosed\n");
    expect(() => readStackConfig(stackFiles(root, "network", "dev"), root)).toThrow(/Pulumi\.dev\.yaml is not valid YAML/);
  });

  it("refuses a config without aws:region, naming the file", () => {
    const root = fixtureRepo("name: platform-network\nruntime: nodejs\n", "config:\n  platform-network:azCount: 2\n");
    expect(() => prepareStackRun(root, "network", "dev")).toThrow(/stacks\/network\/Pulumi\.dev\.yaml does not set aws:region/);
  });

  it("honours main and stackConfigDir, as the root bootstrap project uses them", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "offline-files-"));
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: platform-bootstrap\nruntime: nodejs\nmain: bootstrap/index.ts\nstackConfigDir: bootstrap\n");
    const files = stackFiles(root, "bootstrap", "dev");
    expect(files.programPath).toBe(path.join(root, "bootstrap/index.ts"));
    expect(files.configPath).toBe(path.join(root, "bootstrap/Pulumi.dev.yaml"));
  });
});
