#!/usr/bin/env node
/* global require, process */
// Loads the TypeScript sources through tsx so the command needs no build step.
require("tsx/cjs");
require("../src/main.ts").main(process.argv.slice(2));
