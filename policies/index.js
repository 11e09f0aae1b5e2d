/* global require, process, __dirname */
// The pack's entry, as `pulumi preview --policy-pack policies` and the Pulumi Cloud start it:
// `node @pulumi/pulumi/cmd/run-policy-pack` requires this folder's "main" after registering
// ts-node with type-checking forced on (its run.js passes `typeCheck: true`, whatever
// tsconfig.json says), which builds a TypeScript program for every file it loads and costs
// several seconds per start, once per stack in CI. `npm test` type-checks the pack (tsc over
// the whole repository) before any preview runs it, so here the pack is only transpiled: the
// registered ts-node service is switched off (ts-node's public `enabled(false)`) and ts-node is
// registered again with its swc transpiler. Without a ts-node of that kind (the SDK's vendored
// fallback), the pack loads through whatever was registered, type-checked as before.
"use strict";
const path = require("node:path");

const registered = process[Symbol.for("ts-node.register.instance")];
if (registered !== undefined && typeof registered.enabled === "function") {
  registered.enabled(false);
  require("ts-node").register({ swc: true, project: path.join(__dirname, "tsconfig.json") });
}
require("./pack.ts");
