#!/usr/bin/env node
/* global require, process */
// Compiles the TypeScript sources on load (esbuild-register) so the command needs no build step.
require("esbuild-register/dist/node").register({ target: "node20" });
require("../src/main.ts").main(process.argv.slice(2));
