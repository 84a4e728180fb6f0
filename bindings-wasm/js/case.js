// The case lifecycle API, appended to api.js and full.js for the main entry (see
// scripts/build.mjs); not in the lean "canceranmalan/form" build.

/** An actor option `{ user, unit, role }` as the three strings the module takes. */
function actorOption(options) {
  const by = option(options, "by");
  if (by === null || typeof by !== "object") throw new TypeError("by: expected { user, unit, role }");
  const part = (name) => {
    let v;
    try {
      v = by[name];
    } catch {
      throw new TypeError(`by.${name}: the value could not be read`);
    }
    if (typeof v !== "string" || !wellFormed(v)) throw new TypeError(`by.${name}: expected a string`);
    return v;
  };
  return [part("user"), part("unit"), part("role")];
}

/** A time option: a Date (its instant, in UTC) or ISO 8601 text. */
function atOption(options) {
  const at = option(options, "at");
  if (typeof at === "string" && wellFormed(at)) return at;
  if (isDate(at)) {
    const time = Date.prototype.getTime.call(at);
    if (Number.isNaN(time)) throw new TypeError("at: not a valid date");
    return Date.prototype.toISOString.call(at);
  }
  throw new TypeError("at: expected a Date or ISO 8601 text");
}

/** An optional string option: undefined where not given. */
function optText(options, name) {
  const v = option(options, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || !wellFormed(v)) throw new TypeError(`${name}: expected a string`);
  return v;
}

/** An action's value: a string, a boolean ("true"/"false"), a Date (its local day) or none. */
function valueOption(options) {
  const v = option(options, "value");
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string" && wellFormed(v)) return v;
  if (isDate(v)) {
    const day = localDay(v);
    if (day === null) throw new TypeError("value: not a valid date");
    return day;
  }
  throw new TypeError("value: expected a string, a boolean or a Date");
}

/** JSON text of a list (of events, cases or reports); each item an object or JSON text. */
function listText(items, what, each) {
  let texts;
  try {
    if (!Array.isArray(items)) throw new TypeError();
    texts = Array.prototype.map.call(items, (item) => each(item));
  } catch (e) {
    // What each item's conversion says (a ReportError), else: not an array we could read.
    if (e instanceof Error && e.name === "ReportError") throw e;
    throw new TypeError(`${what}: expected an array of objects or JSON texts`);
  }
  return `[${texts.join(",")}]`;
}

const eventText = (e) => (typeof e === "string" ? e : jsonText(e));

/**
 * A case (ärende) in INCA: its state, report, inbox data and events. Immutable: `perform`
 * returns a new case. Its JSON (`toJson()`, schema version 1) is what a host stores;
 * `toJSON()` and inspection show only a summary, without the personal identity number.
 */
class Case {
  #json;
  #data;

  /** Use Case.open, Case.reminder, Case.replay or Case.fromJson. */
  constructor(json, key) {
    if (key !== Case.#key) throw new TypeError("use Case.open, Case.reminder, Case.replay or Case.fromJson");
    this.#json = json;
    this.#data = JSON.parse(json);
    Object.freeze(this);
  }

  static #key = Symbol("Case");

  static #from(reply) {
    return new Case(JSON.stringify(unwrap(reply)), Case.#key);
  }

  /** A reporter opens a case with a report (an object or JSON text). */
  static open(report, options) {
    const [user, unit, role] = actorOption(options);
    return Case.#from(raw.rawCaseOpen(jsonText(report), user, unit, role, atOption(options), optText(options, "id")));
  }

  /** RCC opens a reminder case for a patient in `unit`'s inbox. */
  static reminder(personalId, options) {
    const pid = textArg(personalId, "personalId");
    const forUnit = optText(options, "unit");
    if (forUnit === undefined) throw new TypeError("unit: expected a string");
    const [user, unit, role] = actorOption(options);
    return Case.#from(raw.rawCaseReminder(pid, forUnit, user, unit, role, atOption(options), optText(options, "id")));
  }

  /** The case its events give (event objects of the schema or their JSON texts). */
  static replay(events) {
    return Case.#from(raw.rawCaseReplay(listText(events, "events", eventText)));
  }

  /** A case from its JSON text: the events replayed and checked against the data. */
  static fromJson(text) {
    return Case.#from(raw.rawCaseFromJson(textArg(text, "text")));
  }

  /**
   * Takes an action ("save", "ready_for_approval", "send", "delete", "return", "register",
   * "assign", "set_follow_up", "set_note", "set_comment", "set_urgent"); returns the new case
   * or throws a TransitionError (this case unchanged).
   */
  perform(action, options) {
    const name = textArg(action, "action");
    const [user, unit, role] = actorOption(options);
    const report = option(options, "report");
    const reportText = report === undefined || report === null ? undefined : jsonText(report);
    return Case.#from(
      raw.rawCasePerform(
        this.#json, name, user, unit, role, atOption(options), optText(options, "comment"),
        reportText, valueOption(options), langOption(options),
      ),
    );
  }

  /** A new case that corrects this one (sent or registered), with a comment that says so. */
  correct(report, options) {
    const [user, unit, role] = actorOption(options);
    const comment = optText(options, "comment") ?? "";
    return Case.#from(
      raw.rawCaseCorrect(this.#json, jsonText(report), user, unit, role, atOption(options), comment, optText(options, "id")),
    );
  }

  /** A request to withdraw this registered case, with the reason: a new case to send. */
  withdraw(options) {
    const [user, unit, role] = actorOption(options);
    const reason = optText(options, "reason") ?? "";
    return Case.#from(raw.rawCaseWithdraw(this.#json, user, unit, role, atOption(options), reason, optText(options, "id")));
  }

  /** The case as JSON text (its data and events). */
  toJson() {
    return this.#json;
  }

  /** True when both are the same case (the same data and events). */
  equals(other) {
    return other instanceof Case && other.toJson() === this.#json;
  }

  get id() { return this.#data.id; }
  get unit() { return this.#data.unit; }
  get state() { return this.#data.state; }
  get colour() { return this.#data.colour; }
  get kind() { return this.#data.kind; }
  get refersTo() { return this.#data.refers_to; }
  get fromRcc() { return this.#data.from_rcc; }
  get arrival() { return this.#data.arrival; }
  get responsible() { return this.#data.responsible; }
  get followUp() { return this.#data.follow_up; }
  get note() { return this.#data.note; }
  get urgent() { return this.#data.urgent; }
  /** The report as it stands (a new object in the wire format each time). */
  get report() { return JSON.parse(JSON.stringify(this.#data.report)); }
  /** Every event, as objects of the schema (new objects each time). */
  get events() { return JSON.parse(JSON.stringify(this.#data.events)); }

  toJSON() {
    return { id: this.id, unit: this.unit, state: this.state, events: this.#data.events.length };
  }

  [inspect]() {
    return `Case(${this.id}, ${this.unit}, ${this.state}, ${this.#data.events.length} events)`;
  }
}

/**
 * The inbox of `unit` on `today`: its green cases (for action) and pink ones (sent), for
 * action first, then follow-up due, then urgent, then oldest arrival.
 */
function inbox(cases, options) {
  let ok = false;
  try {
    ok = Array.isArray(cases) && Array.prototype.every.call(cases, (c) => c instanceof Case);
  } catch {
    // A Proxy that throws while being read: not an array of cases.
  }
  if (!ok) throw new TypeError("cases: expected an array of Case");
  const unit = optText(options, "unit");
  if (unit === undefined) throw new TypeError("unit: expected a string");
  const today = dateOption(option(options, "today"), "today");
  const rows = unwrap(raw.rawInbox(`[${cases.map((c) => c.toJson()).join(",")}]`, unit, today));
  return rows.map(({ index, ...row }) => ({ case: cases[index], ...row }));
}

/**
 * The reports in `others` of the same patient as `report` that may be the same tumour
 * (IARC/IACR 2004 multiple-primary rules, paired organs by side): `[{ index, rule, message }]`.
 */
function possibleDuplicates(report, others, options) {
  const list = listText(others, "others", jsonText);
  return unwrap(raw.rawPossibleDuplicates(jsonText(report), list, langOption(options)));
}
