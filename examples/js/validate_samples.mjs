// Validates the sample reports with the Node package and prints the issues.
// Run: node examples/js/validate_samples.mjs [en]
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** @type {typeof import("../../bindings-wasm/pkg-node/index.js")} */
const lib = createRequire(import.meta.url)("../../bindings-wasm/pkg-node/index.js");

const lang = process.argv[2] === "en" ? "en" : "sv";
const dir = join(here, "../reports");
for (const name of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const issues = lib.validate(readFileSync(join(dir, name), "utf8"), { lang });
  console.log(`${name}: ${issues.length} issue(s)`);
  for (const i of issues) console.log(`  ${i.severity.padEnd(7)} ${i.ruleId.padEnd(24)} ${i.message}`);
}

const id = lib.PersonalId.parse("19640823-3234");
console.log(`\n${id} (${id.kind}), born ${id.birthDate}`);
id.free();
