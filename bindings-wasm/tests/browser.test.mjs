// Real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): the web-target
// package runs the shared conformance vectors, and the example form validates as a user types.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = normalize(join(dirname(fileURLToPath(import.meta.url)), "../.."));
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server;
let browser;
let base;

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!path.startsWith(root) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    res.end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  assert.ok(existsSync(chromiumPath), `Chromium not found at ${chromiumPath} (install Debian's chromium)`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

for (const entry of ["main", "form"]) {
  test(`conformance vectors in Chromium (${entry} entry)`, async () => {
    const files = readdirSync(join(root, "tests/conformance")).filter((f) => f.endsWith(".json")).sort();
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // With the hostile inputs of tests/hostile.mjs after the vectors.
    await page.goto(`${base}/bindings-wasm/tests/browser.html?hostile&entry=${entry}&files=${files.join(",")}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 120_000 });
    const { count, failures } = await page.evaluate(() => window.__result);
    assert.deepEqual(errors, []);
    assert.ok(count >= 100, `only ${count} cases ran`);
    assert.deepEqual(failures, []);
    await page.close();
  });
}

test("the example form, drawn from the definition, as a person uses it", async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/examples/web/index.html`);
  await page.waitForSelector("body[data-ready=true]");
  const rules = () => page.$$eval("#issues li", (lis) => lis.map((li) => li.dataset.rule));
  const fieldRules = (key) => page.$$eval(`#${key}-issues li`, (lis) => lis.map((li) => li.dataset.rule));

  // Every field of the definition, in its order, each labelled and described.
  const definition = await page.evaluate(async () => (await import("/bindings-wasm/pkg-form/index.js")).formDefinition("sv"));
  const drawn = await page.$$eval("#form [data-field]", (blocks) => blocks.map((b) => b.dataset.field));
  assert.deepEqual(drawn, definition.fields.map((f) => f.key));
  for (const f of definition.fields) {
    const described = await page.getAttribute(`#f-${f.key}`, "aria-describedby");
    assert.equal(described, `${f.key}-help ${f.key}-issues`);
    assert.equal(await page.textContent(`label[for=f-${f.key}]`), f.label + (f.required ? " (obligatorisk)" : ""));
  }

  // An empty form lacks the five required fields, each shown at its field.
  assert.equal((await rules()).filter((r) => r === "REQUIRED").length, 5);
  assert.deepEqual(await fieldRules("diagnosis_date"), ["REQUIRED"]);

  // Keyboard only: from the language switch, Tab reaches the personal identity number.
  await page.focus("#lang");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-personal_id");
  await page.keyboard.type("19640823-3234");

  // Typed as a person types, found by its label.
  const date = page.getByLabel("Diagnosdatum (obligatorisk)");
  await date.pressSequentially("2024-02-30");
  assert.deepEqual(await fieldRules("diagnosis_date"), ["DATE-FORMAT"]);
  assert.equal(await date.getAttribute("aria-invalid"), "true");
  assert.match(await page.textContent("#diagnosis_date-issues"), /dagen finns inte i kalendern/);
  await date.fill("");
  await date.pressSequentially("2024-02-29");
  assert.equal(await date.getAttribute("aria-invalid"), null);
  await page.getByLabel("Primärtumörens lokalisation (obligatorisk)").pressSequentially("Bröst, övre yttre kvadranten");
  await page.getByLabel("ICD10-kod (obligatorisk)").pressSequentially("C50.4");
  await page.getByLabel("Morfologisk diagnos (obligatorisk)").pressSequentially("Duktal cancer, invasiv");
  await page.getByLabel("Diagnosgrund (obligatorisk)").selectOption("3");
  // A breast cancer needs a side; FIGO is hidden for it.
  assert.deepEqual(await rules(), ["SIDE-REQUIRED"]);
  assert.deepEqual(await fieldRules("side"), ["SIDE-REQUIRED"]);
  assert.equal(await page.isVisible("#f-figo"), false);
  await page.getByLabel("Sida").selectOption("left");
  assert.deepEqual(await rules(), []);

  // T without basis for TNM, shown at the basis; the site's T values are offered.
  await page.getByLabel("T-kategori").pressSequentially("T1c");
  assert.deepEqual(await fieldRules("tnm_basis"), ["TNM-BASIS-REQUIRED"]);
  const tValues = await page.$$eval("#t-values option", (os) => os.map((o) => o.value));
  assert.ok(tValues.includes("T1mi") && tValues.includes("T4d"), tValues.join(" "));
  await page.getByLabel("Grund för TNM").selectOption("clinical");
  assert.deepEqual(await rules(), []);

  // The autopsy finding is shown only for diagnosgrund 4 or 7, and then required.
  assert.equal(await page.isVisible("#f-autopsy_finding"), false);
  await page.getByLabel("Diagnosgrund (obligatorisk)").selectOption("7");
  assert.equal(await page.isVisible("#f-autopsy_finding"), true);
  assert.ok((await fieldRules("autopsy_finding")).includes("AUTOPSY-REQUIRED"));
  await page.getByLabel("Diagnosgrund (obligatorisk)").selectOption("3");
  assert.equal(await page.isVisible("#f-autopsy_finding"), false);

  // A gynaecological site shows FIGO, with the FIGO stages of the site.
  const icd = page.getByLabel("ICD10-kod (obligatorisk)");
  await icd.fill("");
  await icd.pressSequentially("C53.9");
  assert.equal(await page.isVisible("#f-figo"), true);
  const figoValues = await page.$$eval("#figo-values option", (os) => os.map((o) => o.value));
  assert.ok(figoValues.includes("IB1"), figoValues.join(" "));
  // The side no longer fits the site (a warning); cleared by keyboard.
  assert.deepEqual(await fieldRules("side"), ["SIDE-UNPAIRED"]);
  await page.focus("#f-side");
  await page.keyboard.press("Home");
  // A man with a cervical cancer: a warning at both fields, never the number itself.
  assert.deepEqual(await fieldRules("icd10"), ["SEX-SITE"]);
  assert.deepEqual(await fieldRules("personal_id"), ["SEX-SITE"]);

  // The language switch: labels, help and messages in English.
  await page.selectOption("#lang", "en");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent("label[for=f-diagnosis_date]"), "Date of diagnosis (required)");
  assert.match(await page.textContent("#icd10-issues"), /female site/);
  assert.ok(!(await page.textContent("body")).includes("3234"), "the personal identity number is never echoed");
  await page.getByLabel("Specimen number").pressSequentially("12345678901234567".slice(0, 16));
  await page.getByLabel("Specimen year").pressSequentially("2042");
  assert.deepEqual(await fieldRules("specimen_year"), ["SPECIMEN-YEAR-FUTURE"]);

  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(root, "docs/web-form.png"), fullPage: true });
  await page.close();
});

test("the benchmark page measures one validation in Chromium (figures printed, not asserted)", async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/examples/web/bench.html`);
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 120_000 });
  const { rows, issues } = await page.evaluate(() => window.__bench);
  assert.equal(issues, 0, "the benchmark report is complete and valid in both entries");
  for (const r of rows) {
    assert.ok(Number.isFinite(r.micros) && r.micros > 0, r.name);
    console.log(`chromium: ${r.name}: ${r.micros.toFixed(2)} µs`);
  }
  await page.close();
});

