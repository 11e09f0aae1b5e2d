/* global require, __dirname */
// Entry of the policy pack's worker thread (policy-worker.ts). A worker starts without the main
// thread's require hooks, so it registers the same TypeScript hook as bin/platform.js.
"use strict";
require("../../bin/register-ts.js");
require(require("node:path").join(__dirname, "policy-worker-host.ts"));
