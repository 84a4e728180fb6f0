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

test("conformance vectors in Chromium", async () => {
  const files = readdirSync(join(root, "tests/conformance")).filter((f) => f.endsWith(".json")).sort();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // With the hostile inputs of tests/hostile.mjs after the vectors.
  await page.goto(`${base}/bindings-wasm/tests/browser.html?hostile&files=${files.join(",")}`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 120_000 });
  const { count, failures } = await page.evaluate(() => window.__result);
  assert.deepEqual(errors, []);
  assert.ok(count >= 100, `only ${count} cases ran`);
  assert.deepEqual(failures, []);
  await page.close();
});

test("the example form validates as the user types", async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/examples/web/index.html`);
  await page.waitForSelector("body[data-ready=true]");
  const rules = () => page.$$eval("#issues li", (lis) => lis.map((li) => li.dataset.rule));

  // An empty form lacks the five required fields.
  assert.deepEqual((await rules()).filter((r) => r === "REQUIRED").length, 5);

  await page.fill("[name=diagnosis_date]", "2024-02-30");
  assert.ok((await rules()).includes("DATE-FORMAT"));
  await page.fill("[name=diagnosis_date]", "2024-02-29");
  await page.fill("[name=primary_site]", "Cervix uteri");
  await page.fill("[name=icd10]", "C53.9");
  await page.fill("[name=morphology]", "Skivepitelcancer, invasiv");
  await page.selectOption("[name=basis_of_diagnosis]", "3");
  assert.deepEqual(await rules(), []);

  // T without basis for TNM, then the fix.
  await page.fill("[name=t]", "T1b");
  assert.deepEqual(await rules(), ["TNM-BASIS-REQUIRED"]);
  await page.selectOption("[name=tnm_basis]", "clinical");
  assert.deepEqual(await rules(), []);

  // The autopsy finding is shown only for basis 4 or 7, and then required.
  assert.equal(await page.isVisible("[name=autopsy_finding]"), false);
  await page.selectOption("[name=basis_of_diagnosis]", "7");
  assert.equal(await page.isVisible("[name=autopsy_finding]"), true);
  assert.deepEqual(await rules(), ["AUTOPSY-REQUIRED", "AUTOPSY-WITHOUT-DEATH-DATE"]);

  // A male personnummer with a cervix cancer: a warning, in English on request.
  await page.selectOption("[name=basis_of_diagnosis]", "3");
  await page.fill("[name=personal_id]", "19640823-3234");
  await page.selectOption("#lang", "en");
  const text = await page.textContent("#issues li[data-rule=SEX-SITE]");
  assert.match(text, /female site/);
  assert.ok(!text.includes("3234"));
  await page.close();
});
