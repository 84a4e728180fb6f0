// Builds the wasm packages: cargo (wasm32, size profile) → wasm-bindgen (web and nodejs
// targets) → wasm-opt -Oz (binaryen from npm; Debian's is too old). Prints the sizes.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, "..");
const root = join(pkgDir, "..");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

run("cargo", ["build", "-p", "canceranmalan-wasm", "--target", "wasm32-unknown-unknown", "--profile", "release-wasm"]);
const wasm = join(root, "target/wasm32-unknown-unknown/release-wasm/canceranmalan_wasm.wasm");
const wasmOpt = join(pkgDir, "node_modules/binaryen/bin/wasm-opt");

for (const [target, dir] of [["web", "pkg"], ["nodejs", "pkg-node"]]) {
  const out = join(pkgDir, dir);
  run("wasm-bindgen", ["--target", target, "--out-dir", out, wasm]);
  // The nodejs target is CommonJS, inside a package that is otherwise ES modules.
  writeFileSync(join(out, "package.json"), JSON.stringify({ type: target === "nodejs" ? "commonjs" : "module" }) + "\n");
  const file = join(out, "canceranmalan_wasm_bg.wasm");
  const before = statSync(file).size;
  // wasm-bindgen 0.2.130 emits bulk-memory, sign-ext and reference types as rustc enables them.
  run(wasmOpt, ["-Oz", "--converge", "--strip-debug", "--strip-producers", "--enable-bulk-memory", "--enable-sign-ext", "--enable-reference-types",
    "--enable-nontrapping-float-to-int", "--enable-mutable-globals", "--enable-multivalue", file, "-o", file]);
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const js = statSync(join(out, "canceranmalan_wasm.js")).size;
  console.log(
    `wasm size (${target}): ${bytes.length} bytes raw (${before} before wasm-opt), ${gz} bytes gzip -9; JS glue ${js} bytes`,
  );
}

// The public API: js/api.js wrapped as an ES module (browsers, bundlers) and as CommonJS
// (Node), with its types and the `Report` type generated from the core's field table.
const api = readFileSync(join(pkgDir, "js/api.js"), "utf8");
const names = ["validate", "visibleFields", "mask", "protectPatient", "rules", "fields", "sources", "reportability", "icd10Title", "parseTnm", "stage", "parseFigo", "validateField", "formDefinition", "jsonSchema", "standardSchema", "PersonalId", "Case", "inbox", "possibleDuplicates"];
writeFileSync(
  join(pkgDir, "pkg/index.js"),
  `import init, { initSync } from "./canceranmalan_wasm.js";\nimport * as raw from "./canceranmalan_wasm.js";\n\n${api}\nexport default init;\nexport { initSync, ${names.join(", ")} };\n`,
);
writeFileSync(
  join(pkgDir, "pkg-node/index.js"),
  `"use strict";\nconst raw = require("./canceranmalan_wasm.js");\n\n${api}\n${names.map((n) => `exports.${n} = ${n};`).join("\n")}\n`,
);
const { fields } = createRequire(import.meta.url)(join(pkgDir, "pkg-node/index.js"));
const tsType = (f) => {
  if (f.codes.length > 0) {
    return f.codes.map((c) => (f.json === "integer" ? c.key : JSON.stringify(c.key))).join(" | ");
  }
  if (f.kind === "date") return "string | Date";
  if (f.json === "string_list") return "string[]";
  return { string: "string", integer: "number", boolean: "boolean" }[f.json];
};
const lines = fields("en").map(
  (f) => `  /** ${f.label}: ${f.help.replaceAll("*/", "* /")} */\n  ${f.key}?: ${tsType(f)} | null;`,
);
const reportType = `
/**
 * A report in the wire format, generated from the core's field table: snake_case keys; absent,
 * undefined and null mean not given; a Date counts as its local calendar day. Values of the
 * wrong type or outside a code list are reported by validate(), not refused.
 */
export interface Report {
${lines.join("\n")}
}
`;
const types = readFileSync(join(pkgDir, "js/index.d.ts"), "utf8") + reportType;
for (const dir of ["pkg", "pkg-node"]) writeFileSync(join(pkgDir, dir, "index.d.ts"), types);
console.log(`TypeScript Report type: ${lines.length} fields from the field table`);
