// Builds the wasm packages: cargo (wasm32; the form entry for size, the main entry for
// speed) → wasm-bindgen (web and nodejs targets) → wasm-opt (binaryen from npm; Debian's is
// too old). Prints the sizes and each entry's download against its budget.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, "..");
const root = join(pkgDir, "..");
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });

const wasmOpt = join(pkgDir, "node_modules/binaryen/bin/wasm-opt");
const ts = createRequire(import.meta.url)("typescript");

// The JavaScript the package ships, without its comments (2 kB of the form entry's gzip
// download): TypeScript's own transpiler reads it and writes it back, code unchanged (target
// and module syntax kept as written). The documentation is in index.d.ts and the README.
const stripComments = (file) => {
  const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { allowJs: true, removeComments: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.Preserve },
  });
  writeFileSync(file, outputText);
};
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

// wasm-bindgen's glue copies a string into the module's memory one character at a time in
// JavaScript up to its first non-ASCII character, then reallocates and lets TextEncoder write
// the rest. A report is a few hundred characters, often with å, ä or ö early: it costs a tenth
// of a validation. Strings longer than 64 characters go to TextEncoder.encodeInto at once, into
// room for the longest UTF-8 they can need, shrunk to what it wrote (the module then owns
// exactly that many bytes, as before). Short strings (options, keys) keep the glue's own path.
const passLongStrings = (file) => {
  const head = "function passStringToWasm0(arg, malloc, realloc) {\n";
  const text = readFileSync(file, "utf8");
  if (text.split(head).length !== 2) throw new Error(`${file}: wasm-bindgen's passStringToWasm0 not found once`);
  const long = `function passStringToWasm0(arg, malloc, realloc) {
    if (arg.length <= 64 || realloc === undefined) return passShortStringToWasm0(arg, malloc, realloc);
    const room = arg.length * 3;
    const ptr = malloc(room, 1) >>> 0;
    const { written } = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + room));
    WASM_VECTOR_LEN = written;
    return realloc(ptr, room, written, 1) >>> 0;
}
function passShortStringToWasm0(arg, malloc, realloc) {
`;
  writeFileSync(file, text.replace(head, long));
};

// Two builds of the same crate: the main entry (everything, with the feature "full") and
// "canceranmalan/form", the lean build a web form loads (validation, the form definition, the
// JSON Schema, the Standard Schema): the one the 150 kB download budget is for.
const read = (f) => readFileSync(join(pkgDir, "js", f), "utf8");
const formNames = ["validate", "visibleFields", "mask", "fields", "validateField", "formDefinition", "jsonSchema", "standardSchema"];
const fullNames = ["reportability", "icd10Title", "parseTnm", "stage", "parseFigo", "sources", "protectPatient", "rules", "PersonalId", "Case", "inbox", "possibleDuplicates"];
const entries = [
  { features: ["--features", "full"], profile: "release-wasm-full", opt: "-O3", web: "pkg", node: "pkg-node", api: [read("api.js"), read("full.js"), read("case.js")].join("\n"), names: [...formNames, ...fullNames], types: ["index.d.ts", "full.d.ts", "case.d.ts"] },
  // opt-level "z" inlines almost nothing (LLVM's threshold for it is 5), and the checks pay a
  // call for every small helper. Measured 2026-11-30 (wasm gzip over plain "z", the form
  // entry's validate in Node): inline threshold 40 → +1.4 kB, 1.2 times faster; 60 → +5.2 kB,
  // 1.3 times; 100 → +7.9 kB, no faster; opt-level "s" → +11.1 kB, 1.35 times.
  // 2026-12-06, over that (threshold 60, everything at "z"): the core alone at opt-level 2
  // (Cargo.toml) → +8.2 kB, validate(text) 1.13 times faster; the same without loop
  // unrolling → +5.9 kB, 1.14 times (unrolled loops bought nothing measurable); at threshold 40
  // → +2.4 kB but only 1.07 times. CARGO_ENCODED_RUSTFLAGS (flags separated by \x1f) reaches
  // only the wasm target (the host's build scripts and macros keep theirs) and wins over
  // RUSTFLAGS. Binaryen's -O3 over its -Oz: +0.6 kB, 1.03 times.
  { features: [], profile: "release-wasm", opt: "-O3", web: "pkg-form", node: "pkg-form-node", api: read("api.js"), names: formNames, types: ["index.d.ts"], budget: 150_000, rustflags: ["-Cllvm-args=-inline-threshold=60", "-Cllvm-args=-unroll-threshold=0"].join("\x1f") },
];
for (const entry of entries) {
  const env = entry.rustflags ? { CARGO_ENCODED_RUSTFLAGS: entry.rustflags } : {};
  run("cargo", ["build", "-p", "canceranmalan-wasm", ...entry.features, "--target", "wasm32-unknown-unknown", "--profile", entry.profile], env);
  const wasm = join(root, `target/wasm32-unknown-unknown/${entry.profile}/canceranmalan_wasm.wasm`);
  for (const [target, dir] of [["web", entry.web], ["nodejs", entry.node]]) {
    const out = join(pkgDir, dir);
    rmSync(out, { recursive: true, force: true });
    run("wasm-bindgen", ["--target", target, "--out-dir", out, wasm]);
    // The nodejs target is CommonJS, inside a package that is otherwise ES modules.
    writeFileSync(join(out, "package.json"), JSON.stringify({ type: target === "nodejs" ? "commonjs" : "module" }) + "\n");
    passLongStrings(join(out, "canceranmalan_wasm.js"));
    const file = join(out, "canceranmalan_wasm_bg.wasm");
    const before = statSync(file).size;
    // wasm-bindgen 0.2.130 emits bulk-memory, sign-ext and reference types as rustc enables them.
    // --low-memory-unused lets Binaryen fold a constant under 1024 added to an address into the
    // access's offset, which is sound only if no access falls in the first 1 KiB. Rust lays
    // wasm32 memory out stack first: the data starts at 1 MiB and the stack grows down from
    // there, so that kilobyte is the stack's last, which only a stack about to overflow reaches
    // (the library's deepest recursion is the JSON reader's, bounded at 128 levels). It took
    // 439 bytes off the form entry's gzip (2026-12-07).
    run(wasmOpt, [entry.opt, "--low-memory-unused", "--converge", "--strip-debug", "--strip-producers", "--enable-bulk-memory", "--enable-sign-ext", "--enable-reference-types",
      "--enable-nontrapping-float-to-int", "--enable-mutable-globals", "--enable-multivalue", file, "-o", file]);
    console.log(`${dir}: wasm ${statSync(file).size} bytes raw (${before} before wasm-opt), ${gz(file)} bytes gzip -9`);
  }
  // The public API: js/api.js (and js/case.js) wrapped as an ES module (browsers, bundlers)
  // and as CommonJS (Node).
  writeFileSync(
    join(pkgDir, entry.web, "index.js"),
    `import init, { initSync } from "./canceranmalan_wasm.js";\nimport * as raw from "./canceranmalan_wasm.js";\n\n${entry.api}\nexport default init;\nexport { initSync, ${entry.names.join(", ")} };\n`,
  );
  writeFileSync(
    join(pkgDir, entry.node, "index.js"),
    `"use strict";\nconst raw = require("./canceranmalan_wasm.js");\n\n${entry.api}\n${entry.names.map((n) => `exports.${n} = ${n};`).join("\n")}\n`,
  );
  for (const dir of [entry.web, entry.node]) {
    for (const f of ["canceranmalan_wasm.js", "index.js"]) stripComments(join(pkgDir, dir, f));
  }
  // What a browser downloads for this entry: the module, wasm-bindgen's glue and the API.
  const parts = ["canceranmalan_wasm_bg.wasm", "canceranmalan_wasm.js", "index.js"].map((f) => gz(join(pkgDir, entry.web, f)));
  const total = parts.reduce((a, b) => a + b, 0);
  const budget = entry.budget ? `; budget ${entry.budget} bytes: ${total <= entry.budget ? "kept" : `over by ${total - entry.budget}`}` : "";
  console.log(`${entry.web}: download ${total} bytes gzip -9 (wasm ${parts[0]} + glue ${parts[1]} + API ${parts[2]})${budget}`);
}
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
for (const entry of entries) {
  const types = entry.types.map(read).join("\n") + reportType;
  for (const dir of [entry.web, entry.node]) writeFileSync(join(pkgDir, dir, "index.d.ts"), types);
}
console.log(`TypeScript Report type: ${lines.length} fields from the field table`);
