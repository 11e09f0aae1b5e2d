/* global require */
// Preloaded into every stack program: each Pulumi.yaml sets `runtime.options.nodeargs` to
// `--require=@platform/components/compile-cache.js`, and the Node.js language host puts nodeargs
// on node's command line before `@pulumi/pulumi/cmd/run` (pulumi/pulumi
// sdk/nodejs/cmd/pulumi-language-nodejs/main.go:929-955, execRuntime), so this runs before the
// SDK loads typescript, ts-node, @pulumi/pulumi and @pulumi/aws. It turns on V8's code cache on
// disk (`module.enableCompileCache`, Node >= 22.1): from the second run on, those modules are not
// compiled again, which takes about a third off a program's start (README, "Speed").
// The cache lives in $NODE_COMPILE_CACHE, or else <tmpdir>/node-compile-cache; entries are keyed
// by file content and Node version, so a changed file is compiled afresh.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
"use strict";
require("node:module").enableCompileCache?.();
