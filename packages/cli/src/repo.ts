import * as path from "node:path";

/** The repository root: this file lives in packages/cli/src. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");
