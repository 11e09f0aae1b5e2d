/* global require, __dirname */
// Entry of the policy pack's worker thread (policy-worker.ts). A worker starts without the main
// thread's require hooks, so it registers the same TypeScript hook as bin/platform.js.
"use strict";
require("esbuild-register/dist/node").register({ target: "node20" });
require("node:module").setSourceMapsSupport?.(false);
require(require("node:path").join(__dirname, "policy-worker-host.ts"));
