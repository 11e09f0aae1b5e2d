/* global process, require */
// Preloaded (--require) into a process the bench measures: writes its peak resident set size
// (bytes) to the file named by PLATFORM_BENCH_RSS_FILE when it exits.
"use strict";
const file = process.env.PLATFORM_BENCH_RSS_FILE;
if (file) process.on("exit", () => require("node:fs").writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
