// Builds the wasm packages: cargo (wasm32, size profile) → wasm-bindgen (web and nodejs
// targets) → wasm-opt -Oz (binaryen from npm; Debian's is too old). Prints the sizes.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
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
  run(wasmOpt, ["-Oz", "--enable-bulk-memory", "--enable-sign-ext", "--enable-reference-types",
    "--enable-nontrapping-float-to-int", "--enable-mutable-globals", "--enable-multivalue", file, "-o", file]);
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const js = statSync(join(out, "canceranmalan_wasm.js")).size;
  console.log(
    `wasm size (${target}): ${bytes.length} bytes raw (${before} before wasm-opt), ${gz} bytes gzip -9; JS glue ${js} bytes`,
  );
}
