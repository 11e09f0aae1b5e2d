import { PulumiCommand } from "@pulumi/pulumi/automation";
import { UserError } from "../errors";

export const INSTALL_HINT =
  "Install it with: curl -fsSL https://get.pulumi.com | sh   (macOS: brew install pulumi/tap/pulumi), then open a new shell so `pulumi` is on PATH.";

/**
 * Finds the Pulumi CLI the way the Automation API does (`pulumi version` on PATH, with its
 * minimum-version check), turning "not found" and "too old" into a UserError with the fix.
 */
export async function findPulumiCli(): Promise<PulumiCommand> {
  try {
    return await PulumiCommand.get();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/ENOENT|not found|no such file/i.test(message)) {
      throw new UserError(`the Pulumi CLI is not installed (no \`pulumi\` on PATH); preview, up and destroy run the real engine. ${INSTALL_HINT}`);
    }
    if (/version/i.test(message)) {
      throw new UserError(`the installed Pulumi CLI cannot be used: ${message.split("\n")[0]} Upgrade it: ${INSTALL_HINT}`);
    }
    throw new UserError(`\`pulumi version\` failed, so the Pulumi CLI cannot be used: ${message.split("\n").slice(0, 3).join(" ")}`);
  }
}
