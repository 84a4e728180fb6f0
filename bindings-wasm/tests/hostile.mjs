// Hostile and careless host values, shared by the Node tests and the Chromium page: every one
// must fail with the documented error (or give issues), and after thousands of them a normal
// call must still give the right answer.

const normal = { partial: true, t: "T2" };
const options = { today: "2025-06-01", lang: "en" };

function throwingGetter() {
  return {
    partial: true,
    get comment() {
      throw new Error("boom");
    },
  };
}

// Deep enough to overflow JSON.stringify's recursion in Node and Chromium.
const deep = { comment: [] };
for (let i = 0, a = deep.comment; i < 20000; i += 1) a = a[0] = [];

const hostile = [
  ["a getter that throws", () => throwingGetter()],
  ["a Proxy whose ownKeys throws", () => new Proxy({}, { ownKeys() { throw new Error("keys"); } })],
  ["a Proxy whose get throws", () => new Proxy({ partial: true }, { get() { throw new Error("get"); } })],
  ["a revoked Proxy", () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }],
  ["a Proxy whose getPrototypeOf throws", () => new Proxy({}, { getPrototypeOf() { throw new RangeError("trap"); } })],
  ["Infinity", () => ({ partial: true, specimen_year: Infinity })],
  ["a BigInt", () => ({ partial: true, specimen_year: 10n })],
  ["a lone surrogate in a value", () => ({ partial: true, comment: "19580312-2489\ud800" })],
  ["a lone surrogate in a key", () => ({ partial: true, ["x\udc00"]: 1 })],
  ["a lone surrogate in text", () => '{"comment": "\ud800"}'],
  ["a Map", () => new Map([["partial", true]])],
  ["a cycle", () => { const o = { partial: true }; o.comment = o; return o; }],
];

const documented = (e) => e instanceof Error && ["ReportError", "TypeError"].includes(e.name);

/** Calls `f` with the JavaScript stack nearly full, so that anything it does may overflow. */
function nearlyFullStack(f) {
  let depth = 0;
  const dive = () => {
    depth += 1;
    try {
      return dive();
    } catch {
      // The stack is full here: call from a little way up.
      return depth;
    }
  };
  const probe = (n) => (n > 0 ? probe(n - 1) : f());
  const max = dive();
  let caught = 0;
  for (const back of [1, 2, 5, 10, 20, 50, 100]) {
    const at = (m) => (m > max - back ? probe(0) : at(m + 1));
    try {
      at(0);
    } catch {
      caught += 1;
    }
  }
  return caught;
}

/**
 * Hostile inputs against every function `lib` has: the main entry has them all, the lean
 * "canceranmalan/form" entry only the form's (validate, visibleFields, validateField, mask, …).
 */
export function runHostile(lib, rounds = 10000) {
  const failures = [];
  const full = typeof lib.parseTnm === "function";
  const expected = JSON.stringify(lib.validate(normal, options));
  if (!expected.includes("TNM-BASIS-REQUIRED")) failures.push(`normal call gives ${expected}`);
  for (let n = 0; n < rounds; n += 1) {
    const [name, make] = hostile[n % hostile.length];
    for (const call of [
      () => lib.validate(make(), options),
      () => lib.visibleFields(make()),
      () => (full ? lib.protectPatient(make()) : lib.validateField(make(), "icd10", options)),
      () => lib.validate(normal, new Proxy({}, { get() { throw new Error("options"); } })),
      () => lib.validate(normal, { include: new Proxy([], { get() { throw new SyntaxError("ids"); } }) }),
    ]) {
      try {
        call();
        failures.push(`${name}: no error`);
      } catch (e) {
        if (!documented(e)) failures.push(`${name}: ${e && e.name}: ${e && e.message}`);
        if (String(e && e.message).includes("2489")) failures.push(`${name}: the error shows the number`);
      }
    }
    // After every batch, a normal call still gives the right answer.
    if (n % 1000 === 999 && JSON.stringify(lib.validate(normal, options)) !== expected) {
      failures.push(`after ${n + 1} hostile rounds the normal call differs`);
    }
    if (failures.length > 20) break;
  }
  // Nesting that overflows the stack while being read (slow: a few rounds are enough).
  for (let n = 0; n < 30; n += 1) {
    try {
      lib.validate(deep, options);
      failures.push("a deep array: no error");
    } catch (e) {
      if (e.name !== "ReportError") failures.push(`a deep array: ${e.name}: ${e.message}`);
    }
  }
  for (const bad of [123, null, undefined, {}, ["19640823-3234"]]) {
    for (const call of [() => (full ? lib.PersonalId.parse(bad) : lib.validateField({}, bad)), () => lib.mask(bad)]) {
      try {
        call();
        failures.push(`${JSON.stringify(bad)}: no error`);
      } catch (e) {
        if (e.name !== "TypeError") failures.push(`${JSON.stringify(bad)}: ${e.name}: ${e.message}`);
      }
    }
  }
  const throwing = new Proxy({}, { get() { throw new Error("options"); } });
  if (full) {
    // TNM, stage and FIGO: wrong types and throwing options are TypeErrors, out-of-range
    // numbers RangeErrors; nothing else escapes and the module keeps working.
    const staging = [
      () => lib.parseTnm(123),
      () => lib.parseTnm("pT2", throwing),
      () => lib.parseTnm("pT2", { icd10: 50 }),
      () => lib.parseTnm("pT2", { edition: "8" }),
      () => lib.parseTnm("pT2", { edition: 2 ** 40 }),
      () => lib.parseTnm("pT2\uD800"),
      () => lib.stage(undefined),
      () => lib.stage(throwing),
      () => lib.stage({ icd10: "C61.9", psa: "8" }),
      () => lib.stage({ icd10: "C61.9", psa: -1 }),
      () => lib.stage({ icd10: "C61.9", gradeGroup: 2.5 }),
      () => lib.stage({ icd10: "C61.9", age: -3 }),
      () => lib.parseFigo("IB1", {}),
      () => lib.parseFigo(null, { icd10: "C53.9" }),
      () => lib.parseFigo("IB1", { icd10: "C53.9", edition: -1 }),
    ];
    for (const call of staging) {
      try {
        call();
        failures.push(`${call}: no error`);
      } catch (e) {
        if (!(e instanceof TypeError || e instanceof RangeError)) failures.push(`${call}: ${e && e.name}: ${e && e.message}`);
      }
    }
    if (lib.parseTnm("pT2N1aM0").canonical !== "pT2 N1a M0") failures.push("parseTnm after the hostile calls");
  }
  // Cases (main entry only): hostile reports, actors, times, lists; every one a documented
  // error.
  if (lib.Case) {
    const by = { user: "anna", unit: "KIR-1", role: "reporter" };
    const at = "2025-04-01T09:00:00Z";
    const opened = lib.Case.open({ personal_id: "19640823-3234" }, { by, at });
    const revoked = () => { const p = Proxy.revocable([], {}); p.revoke(); return p.proxy; };
    for (let n = 0; n < 200; n += 1) {
      const [, make] = hostile[n % hostile.length];
      for (const call of [
        () => lib.Case.open(make(), { by, at }),
        () => lib.Case.open({ personal_id: "19640823-3234" }, throwing),
        () => lib.Case.open({ personal_id: "19640823-3234" }, { by: throwing, at }),
        () => lib.Case.open({ personal_id: "19640823-3234" }, { by, at: throwing }),
        () => opened.perform("save", { by, at, report: make() }),
        () => opened.perform(make(), { by, at }),
        () => opened.perform("set_note", { by, at: "2025-04-02", value: throwing }),
        () => lib.Case.replay(revoked()),
        () => lib.Case.replay([make()]),
        () => lib.Case.fromJson(make()),
        () => lib.inbox(revoked(), { unit: "KIR-1" }),
        () => lib.inbox([opened], throwing),
        () => lib.possibleDuplicates(make(), [make()]),
        () => lib.possibleDuplicates({}, revoked()),
      ]) {
        try {
          call();
          failures.push(`case call ${call}: no error`);
        } catch (e) {
          if (!documented(e) && !(e instanceof Error && ["EventFormatError", "TransitionError"].includes(e.name))) {
            failures.push(`case call ${call}: ${e && e.name}: ${e && e.message}`);
          }
        }
      }
      if (failures.length > 20) break;
    }
    const sent = opened.perform("send", { by, at: "2025-04-02T09:00:00Z", report: { partial: true } });
    if (sent.state !== "sent" || !lib.Case.replay(sent.events).equals(sent)) failures.push("cases after the hostile calls");
  }
  for (let n = 0; n < 20; n += 1) nearlyFullStack(() => lib.validate(normal, options));
  const after = JSON.stringify(lib.validate(normal, options));
  if (after !== expected) failures.push(`after the hostile calls: ${after}`);
  if (full && lib.PersonalId.parse("640823-3234", { referenceDate: "2025-01-01" }).toString() !== "19640823-****") {
    failures.push("ids after the hostile calls");
  }
  if (lib.mask("5803122489") !== "580312****") failures.push("mask after the hostile calls");
  return failures;
}
