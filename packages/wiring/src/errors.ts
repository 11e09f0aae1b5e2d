import * as pulumi from "@pulumi/pulumi";

/**
 * A mistake the user can fix (config, an upstream that was never deployed). It extends
 * `pulumi.RunError` so the Pulumi CLI prints only the message, never a stack trace, and the
 * offline plan does the same.
 */
export class PlatformError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "PlatformError";
  }
}
