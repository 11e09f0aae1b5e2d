import * as path from "node:path";

/** The repository root: this file lives in packages/cli/src. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The deploy workflow `platform graph --write-workflow` generates from the stack graph. */
export const DEPLOY_WORKFLOW_FILE = ".github/workflows/deploy-environment.yml";
