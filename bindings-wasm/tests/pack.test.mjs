// The npm package as a user gets it: `npm pack`, installed into an empty project (no build
// step, no network), imported as an ES module and with require(), and type-checked by tsc
// through the package's exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

test("npm pack gives a package that installs and imports both ways", () => {
  const work = mkdtempSync(join(tmpdir(), "canceranmalan-pack-"));
  try {
    const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", work], { cwd: pkgDir, encoding: "utf8" }));
    const files = packed.files.map((f) => f.path).sort();
    for (const want of ["README.md", "package.json", "pkg/index.js", "pkg/index.d.ts", "pkg/canceranmalan_wasm_bg.wasm", "pkg-node/index.js", "pkg-node/index.d.ts", "pkg-form/index.js", "pkg-form-node/index.js", "pkg-form/canceranmalan_wasm_bg.wasm"]) {
      assert.ok(files.includes(want), `${want} missing from ${files.join(", ")}`);
    }
    assert.ok(!files.some((f) => f.startsWith("src/") || f.startsWith("tests/") || f.startsWith("node_modules/")), files.join(", "));

    const project = join(work, "consumer");
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(work, packed.filename)], { cwd: project, stdio: "pipe" });

    writeFileSync(
      join(project, "esm.mjs"),
      `import { validate, formDefinition, standardSchema, jsonSchema } from "canceranmalan";
const issues = validate({ partial: true, t: "T2" }, { today: "2025-06-01", lang: "en" });
const ok = standardSchema({ today: "2025-06-01" })["~standard"].validate({ partial: true });
import { Case } from "canceranmalan";
import * as form from "canceranmalan/form";
const opened = Case.open({ personal_id: "19640823-3234" }, { by: { user: "anna", unit: "KIR-1", role: "reporter" }, at: "2025-04-01T09:00:00Z" });
console.log(JSON.stringify({ rules: issues.map((i) => i.ruleId), first: formDefinition("en").fields[0].label, ok: "value" in ok, schema: jsonSchema().$schema, state: opened.state, formRules: form.validate({ partial: true, t: "T2" }, { today: "2025-06-01" }).map((i) => i.ruleId) }));
`,
    );
    const esm = JSON.parse(execFileSync("node", ["esm.mjs"], { cwd: project, encoding: "utf8" }));
    assert.deepEqual(esm, { rules: ["TNM-BASIS-REQUIRED"], first: "Partial submission", ok: true, schema: "https://json-schema.org/draft/2020-12/schema", state: "draft", formRules: ["TNM-BASIS-REQUIRED"] });

    writeFileSync(
      join(project, "cjs.cjs"),
      `const { validateField } = require("canceranmalan");
console.log(JSON.stringify(validateField({ icd10: "C50.9", figo: "IB1" }, "figo", { today: "2025-06-01" }).map((i) => i.ruleId)));
`,
    );
    assert.deepEqual(JSON.parse(execFileSync("node", ["cjs.cjs"], { cwd: project, encoding: "utf8" })), ["FIGO-SITE"]);

    writeFileSync(
      join(project, "use.ts"),
      `import { validate, formDefinition, type Report, type FormDefinition } from "canceranmalan";
const report: Report = { partial: true, side: "left", basis_of_diagnosis: 3 };
const form: FormDefinition = formDefinition("sv");
export const shown: string[] = [...validate(report).map((i) => i.ruleId), ...form.fields.map((f) => f.key)];
`,
    );
    const tsc = join(pkgDir, "node_modules/typescript/bin/tsc");
    execFileSync("node", [tsc, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--lib", "es2022,dom", "use.ts"], { cwd: project, stdio: "pipe" });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
