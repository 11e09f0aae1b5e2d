#!/usr/bin/env node
/* global require, process */
// Compiles the TypeScript sources on load (esbuild-register) so the command needs no build step.
require("esbuild-register/dist/node").register({ target: "node20" });
// esbuild-register turns Node's source maps on. With them, Node reads and parses the map of each
// of the hundreds of @pulumi/aws modules a stack loads, and maps the stack trace the SDK takes for
// every resource: a third of an offline plan's CPU (README, "Speed"). User errors print no stack
// trace anyway; for a bug report, NODE_OPTIONS=--enable-source-maps keeps them on.
const sourceMapsRequested = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].includes("--enable-source-maps");
if (!sourceMapsRequested) require("node:module").setSourceMapsSupport?.(false);
require("../src/main.ts").main(process.argv.slice(2));
