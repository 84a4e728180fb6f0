// Reads the real-looking TNM statements in examples/tnm-samples.tsv and prints, for each, the
// canonical form, the issues and the stage with its explanation.
//
// Run (after building bindings-wasm): node examples/js/stage_tnm.mjs [sv] [FILE]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** @type {typeof import("../../bindings-wasm/pkg-node/index.js")} */
const lib = createRequire(import.meta.url)("../../bindings-wasm/pkg-node/index.js");
const { parseTnm, stage } = lib;

const args = process.argv.slice(2);
const lang = args.includes("sv") ? "sv" : "en";
const file = args.find((a) => a.endsWith(".tsv")) ?? join(here, "../tnm-samples.tsv");

for (const line of readFileSync(file, "utf8").split("\n")) {
  if (!line.trim() || line.startsWith("#")) continue;
  const [icd10, edition, text] = line.split("\t");
  const site = icd10 === "-" ? undefined : icd10;
  console.log(`${text}   [${site ?? "no site"}, UICC ${edition}]`);
  let tnm;
  try {
    tnm = parseTnm(text, { icd10: site, edition: Number(edition), lang });
  } catch (e) {
    console.log(`  not TNM: ${e instanceof Error ? e.message : e}\n`);
    continue;
  }
  console.log(`  canonical: ${tnm.canonical}   basis: ${tnm.basis ?? "—"}`);
  for (const i of tnm.issues) console.log(`  ${i.severity.padEnd(7)} ${i.ruleId.padEnd(20)} ${i.message}`);
  if (site === undefined) {
    console.log("");
    continue;
  }
  /** @param {import("../../bindings-wasm/pkg-node/index.js").TnmCategory | null} c */
  const category = (c) => (c ? c.prefixes + c.value : undefined);
  const s = stage({
    icd10: site,
    t: category(tnm.t),
    n: category(tnm.n),
    m: category(tnm.m),
    edition: Number(edition),
    s: tnm.descriptors.find((/** @type {string} */ d) => d.startsWith("S")),
    lang,
  });
  console.log(s.group !== null ? `  stage ${s.group}` : `  no stage; missing: ${s.missing.join(", ")}`);
  console.log(`  ${s.explanation}\n`);
}
