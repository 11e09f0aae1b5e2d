#!/usr/bin/env node
/* global require, process */
// V8's code cache on disk (Node >= 22.1), before anything else loads: from the second run on,
// @pulumi/pulumi, @pulumi/aws and this command's own modules are not compiled again (README,
// "Speed"). Exported, so the processes this one starts (the policy pack, the Pulumi CLI and
// the programs and packs it runs) use the same cache. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
// The folder is Node's own default, named here so that it can be handed on.
// V8 rejects code cached under other V8 flags. The SDK sets --allow-natives-syntax in every
// process that runs a program or a policy pack (@pulumi/pulumi runtime/closure/v8Hooks.js, which
// cmd/run and run-policy-pack load before anything else), so this process sets it too, first:
// otherwise each plan and the pack it starts (or a `pulumi preview` after it) would reject and
// rewrite each other's entries for @pulumi/pulumi, @pulumi/aws and typescript on every run.
require("node:v8").setFlagsFromString("--allow-natives-syntax");
const nodeModule = require("node:module");
if (process.env.NODE_DISABLE_COMPILE_CACHE === undefined && nodeModule.enableCompileCache !== undefined) {
  process.env.NODE_COMPILE_CACHE ??= require("node:path").join(require("node:os").tmpdir(), "node-compile-cache");
  nodeModule.enableCompileCache(process.env.NODE_COMPILE_CACHE);
}
// Compiles the TypeScript sources on load (swc, register-ts.js) so the command needs no build
// step. Node's source maps stay off unless asked for: with them, Node reads and parses the map of
// each of the hundreds of @pulumi/aws modules a stack loads, and maps the stack trace the SDK takes
// for every resource: a third of an offline plan's CPU (README, "Speed"). User errors print no
// stack trace anyway; for a bug report, NODE_OPTIONS=--enable-source-maps turns them on.
require("./register-ts.js");
require("../src/main.ts").main(process.argv.slice(2));
