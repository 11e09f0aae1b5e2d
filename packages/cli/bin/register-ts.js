/* global require, module, process */
// Loads .ts files through @swc/core's in-process transformSync, with the options jest's
// @swc/jest uses here (jest.config.js; @swc/jest index.js adds commonjs output), so `platform`
// runs the code the tests ran (test/register-ts.test.ts compares the two). esbuild-register did
// this before with one synchronous IPC round trip to esbuild's service per file: ~390 ms of a
// 1.35 s `platform plan --no-policy` over 174 files (CPU profile: esbuild lib/main.js
// runCallSync); swc compiles the same files in ~50 ms, plus ~20 ms to load.
// Registering ".ts" also makes Node's resolver try it for extensionless imports, which the
// workspace packages rely on ("main": "src/index.ts"). Nothing under node_modules is TypeScript
// that this process loads. `node -r ./packages/cli/bin/register-ts.js file.ts` runs a script so.
"use strict";
const fs = require("node:fs");
const nodeModule = require("node:module");
const { stripVTControlCharacters } = require("node:util");
const swc = require("@swc/core");

// Inline maps only when Node maps stack traces (--enable-source-maps, in execArgv or
// NODE_OPTIONS): mapping every @pulumi/aws module and every resource's stack trace costs a third
// of a plan's CPU (README, "Speed"), and a bug report with the flag still gets .ts lines.
function sourceMapsEnabled() {
  return nodeModule.getSourceMapsSupport?.().enabled ?? process.sourceMapsEnabled;
}

function compile(source, filename) {
  try {
    return swc.transformSync(source, {
      filename,
      swcrc: false,
      configFile: false,
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs" },
      sourceMaps: sourceMapsEnabled() ? "inline" : false,
    }).code;
  } catch (err) {
    throw compileError(err, source, filename) ?? err;
  }
}

// swc reports compile errors only as miette's drawing, followed by anyhow's "Caused by:" and a
// Rust backtrace (swc_error_reporters, handler.rs try_with_handler). Each error is "  x <text>",
// a ",-[file:line:col]" header and the source lines, " N | <line>", with "   : ^^^" under the
// span; on a terminal the same in colour with "×", "╭─[", "│" and "·". The header is not the
// error's position (column 1 for a span inside the line), so the position is read from the
// carets; only a span drawn without them (over several lines, or at the end of the file) falls
// back to the header's.
function compileError(err, source, filename) {
  const text = stripVTControlCharacters(String(err?.message ?? err)).split("\nCaused by:")[0];
  const blocks = text.split(/^ {2}[x×] /m).slice(1);
  if (blocks.length === 0) return undefined;
  const lines = source.split("\n");
  // swc often reports one mistake twice at the same place ("Expected a semicolon", "Expected ',',
  // got ')'"): one line per place keeps the first line, which summaries show, complete.
  const byPlace = new Map();
  for (const block of blocks) {
    const rows = block.split("\n");
    const headerAt = rows.findIndex((r) => /^ *(?:,-|╭─)\[/.test(r));
    const message = (headerAt < 0 ? rows : rows.slice(0, headerAt)).map((r) => r.trim()).filter(Boolean).join(" ");
    const header = /^ *(?:,-|╭─)\[.*:(\d+):(\d+)\]$/.exec(rows[headerAt] ?? "");
    const position = caretPosition(rows, lines) ?? (header ? `:${header[1]}:${header[2]}` : "");
    const place = `${filename}${position}`;
    byPlace.set(place, [...(byPlace.get(place) ?? []), message]);
  }
  const located = [...byPlace].map(([place, messages]) => `${place}: ${messages.join("; ").replace(/\.; /g, "; ")}`);
  return Object.assign(new SyntaxError(located.join("\n")), { code: "ERR_TS_COMPILE" });
}

/** ":line:column" (1-based; UTF-16 units, as editors count) where the first caret row's span starts. */
function caretPosition(rows, lines) {
  for (let i = 1; i < rows.length; i++) {
    const source = /^( *(\d+) [|│] )/.exec(rows[i - 1]);
    const caret = /^ *[:·] /.exec(rows[i]);
    if (!source || !caret || rows[i].length <= source[1].length) continue;
    const drawn = rows[i].slice(source[1].length).search(/\S/);
    if (drawn < 0) continue;
    const line = Number(source[2]);
    return `:${line}:${columnAt(lines[line - 1] ?? "", drawn) + 1}`;
  }
  return undefined;
}

// miette draws in display columns: a tab to the next multiple of 4, wide characters as 2,
// combining and control characters as 0 (miette graphical.rs, line_visual_char_width).
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\p{Emoji_Presentation}\u{20000}-\u{3fffd}]/u;
const ZERO = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

function columnAt(line, drawn) {
  let width = 0;
  let index = 0;
  for (const char of line) {
    if (width >= drawn) break;
    width += char === "\t" ? 4 - (width % 4) : ZERO.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
    index += char.length;
  }
  return index;
}

require.extensions[".ts"] = (mod, filename) => mod._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);

module.exports = { compile };
