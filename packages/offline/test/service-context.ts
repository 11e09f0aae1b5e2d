import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../src";

/** A fresh copy of the reference service's build context (without installed or built output). */
export function copyOfServiceContext(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-context-"));
  fs.cpSync(path.join(REPO_ROOT, "stacks/app/service"), dir, { recursive: true, filter: (f) => !/[/\\](node_modules|dist)$/.test(f) });
  return dir;
}
