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
// V8's code cache on disk for the pack's modules (Node >= 22.1): they are not compiled again on
// the next start. Modules run-policy-pack loaded before this file (typescript, part of the SDK)
// are cached only when NODE_COMPILE_CACHE is set in the environment the CLI runs in, as the
// workflows and `platform` set it (README, "Speed").
"use strict";
require("node:module").enableCompileCache?.();
const path = require("node:path");

const registered = process[Symbol.for("ts-node.register.instance")];
if (registered !== undefined && typeof registered.enabled === "function") {
  registered.enabled(false);
  require("ts-node").register({ swc: true, project: path.join(__dirname, "tsconfig.json") });
}
require("./pack.ts");
// The CLI ends a pack with a signal, so the cache is written now rather than at an exit that never comes.
require("node:module").flushCompileCache?.();
