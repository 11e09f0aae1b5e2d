import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startPolicyPack } from "../src";
import { runPolicyPackScript } from "../src/pack";

describe("starting a policy pack", () => {
  it("runs @pulumi/pulumi's run-policy-pack as resolved from the pack directory, like the CLI's language host", () => {
    const script = runPolicyPackScript(path.join(__dirname, "fixtures", "broken-pack"));
    expect(script).toMatch(/node_modules[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run-policy-pack$/);
    expect(fs.existsSync(path.join(script, "index.js"))).toBe(true);
  });

  it("refuses a directory without PulumiPolicy.yaml, naming it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "not-a-pack-"));
    await expect(startPolicyPack({ packDir: dir })).rejects.toThrow(`${dir} is not a policy pack: PulumiPolicy.yaml is missing.`);
  });

  it("fails with the pack's own error output when the pack exits before printing a port", async () => {
    const err = await startPolicyPack({ packDir: path.join(__dirname, "fixtures", "broken-pack"), startTimeoutMs: 60_000 }).then(
      () => new Error("started"),
      (e: Error) => e,
    );
    expect(err.message).toMatch(/did not start: it exited \(code \d+\) before printing its port/);
    expect(err.message).toMatch(/broken-pack fails on purpose/);
  }, 90_000);
});
