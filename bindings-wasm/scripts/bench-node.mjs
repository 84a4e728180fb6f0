// The time of one validation in Node, for both entries (a benchmark: `npm run bench`); the
// same report and calls as examples/web/bench.html measures in a browser.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { calls, time } from "../../examples/web/bench-cases.mjs";

const require = createRequire(import.meta.url);
const form = require("../pkg-form-node/index.js");
const full = require("../pkg-node/index.js");
// An untimed pass of every call first (as the browser page does): wasm is tiered up while it runs.
for (const [, f] of calls(form, full)) time(f, 20000, () => performance.now());
for (const [name, f] of calls(form, full)) {
  console.log(`node ${process.version}: ${name}: ${time(f, 20000, () => performance.now()).toFixed(2)} µs`);
}
