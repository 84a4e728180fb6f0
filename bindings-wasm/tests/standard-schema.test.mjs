// The Standard Schema v1 adapter, taken as it is by a form library that accepts Standard
// Schema: TanStack Form's framework-agnostic core (@tanstack/form-core), headless in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { FieldApi, FormApi } from "@tanstack/form-core";

// The lean entry a web form uses.
const lib = createRequire(import.meta.url)("../pkg-form-node/index.js");

test("the adapter follows Standard Schema v1", () => {
  const schema = lib.standardSchema({ today: "2025-06-01", lang: "en" });
  const std = schema["~standard"];
  assert.equal(std.version, 1);
  assert.equal(std.vendor, "canceranmalan");
  const good = { partial: true, comment: "Only a comment" };
  assert.deepEqual(std.validate(good), { value: good });
  const bad = std.validate({ partial: true, specimen_number: "12345678901234567", side: "links" });
  assert.deepEqual(
    bad.issues.map((i) => i.path),
    [["side"], ["specimen_number"]],
  );
  assert.match(bad.issues[1].message, /at most 16 characters/);
  // Not a report at all: an issue without a path, not an exception.
  const notReport = std.validate([1, 2]);
  assert.equal(notReport.issues.length, 1);
  assert.equal(notReport.issues[0].path, undefined);
  // Warnings pass by default and fail with failOn: "warning".
  const warned = { partial: true, icd10: "C50.9", figo: "IB1" };
  assert.ok("value" in std.validate(warned));
  const strict = lib.standardSchema({ today: "2025-06-01", failOn: "warning" })["~standard"];
  assert.deepEqual(
    strict.validate(warned).issues.map((i) => i.path[0]),
    ["figo", "icd10"],
  );
  assert.throws(() => lib.standardSchema({ failOn: "fatal" }), TypeError);
  assert.throws(() => lib.standardSchema({ lang: "de" }), TypeError);
});

test("TanStack Form takes the schema as it is and puts each issue on its field", async () => {
  let submitted;
  const form = new FormApi({
    defaultValues: { partial: true, comment: "", specimen_number: "", side: null },
    validators: { onChange: lib.standardSchema({ today: "2025-06-01", lang: "en" }) },
    onSubmit: ({ value }) => {
      submitted = value;
    },
  });
  form.mount();
  const fields = Object.fromEntries(
    ["comment", "specimen_number", "side"].map((name) => {
      const f = new FieldApi({ form, name });
      f.mount();
      return [name, f];
    }),
  );
  fields.specimen_number.handleChange("12345678901234567");
  await form.validate("change");
  const errors = fields.specimen_number.state.meta.errors;
  assert.equal(errors.length, 1, JSON.stringify(form.state));
  assert.match(errors[0].message, /Specimen number may have at most 16 characters/);
  assert.deepEqual(fields.comment.state.meta.errors, []);
  assert.equal(form.state.canSubmit, false);

  fields.specimen_number.handleChange("T-1234/25");
  fields.side.handleChange("left");
  await form.validate("change");
  assert.deepEqual(fields.specimen_number.state.meta.errors, []);
  assert.equal(form.state.canSubmit, true);

  // Submitting: the same schema decides.
  fields.side.handleChange("links");
  await form.handleSubmit();
  assert.equal(submitted, undefined, "a report with an error is not submitted");
  assert.match(fields.side.state.meta.errors[0].message, /not in the code list/);
  fields.side.handleChange("right");
  await form.handleSubmit();
  assert.deepEqual(submitted, { partial: true, comment: "", specimen_number: "T-1234/25", side: "right" });
});
