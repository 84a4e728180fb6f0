// The case lifecycle: in the main entry, not in "canceranmalan/form" (see scripts/build.mjs).

export type CaseState = "draft" | "awaiting_approval" | "reminder" | "returned" | "sent" | "registered" | "deleted";
export type CaseAction =
  | "save" | "ready_for_approval" | "send" | "delete" | "return" | "register"
  | "assign" | "set_follow_up" | "set_note" | "set_comment" | "set_urgent";

/** Who acts: a user, the unit (clinic) they act for, and the role. */
export interface Actor {
  user: string;
  unit: string;
  role: "reporter" | "rcc";
}

/** One action taken on a case (JSON schema version 1; keys as the schema writes them). */
export interface CaseEvent {
  version: 1;
  case_id: string;
  seq: number;
  at: string;
  user: string;
  unit: string;
  role: "reporter" | "rcc";
  action: string;
  from: CaseState | null;
  to: CaseState;
  comment: string | null;
  value: string | null;
  refers_to: string | null;
  report: Record<string, unknown>;
}

export interface CaseOptions {
  by: Actor;
  /** A Date (its instant) or ISO 8601 text such as "2025-04-01T09:00:00+02:00". */
  at: Date | string;
  /** The case's id; by default "{unit}/{at}". */
  id?: string;
}

export interface PerformOptions {
  by: Actor;
  at: Date | string;
  comment?: string | null;
  report?: object | string | null;
  /** A string, a boolean (set_urgent) or a Date (set_follow_up, its local day). */
  value?: string | boolean | Date | null;
  /** The language of the issues of a refused send. */
  lang?: "sv" | "en";
}

/**
 * A case (ärende) in INCA. Immutable: perform returns a new case. A refused action throws an
 * Error named "TransitionError" with `reason`, `detail`, `messageSv`, `messageEn` and
 * `issues`; JSON that is not of the schema throws one named "EventFormatError" with `at`.
 */
export class Case {
  private constructor();
  static open(report: object | string, options: CaseOptions): Case;
  static reminder(personalId: string, options: CaseOptions & { unit: string }): Case;
  static replay(events: Array<CaseEvent | string>): Case;
  static fromJson(text: string): Case;
  perform(action: CaseAction, options: PerformOptions): Case;
  correct(report: object | string, options: CaseOptions & { comment: string }): Case;
  withdraw(options: CaseOptions & { reason: string }): Case;
  /** The case as JSON text (data and events): what a host stores. */
  toJson(): string;
  equals(other: unknown): boolean;
  readonly id: string;
  readonly unit: string;
  readonly state: CaseState;
  readonly colour: "green" | "pink" | "blue" | null;
  readonly kind: "open" | "remind" | "correct" | "withdraw";
  readonly refersTo: string | null;
  readonly fromRcc: boolean;
  readonly arrival: string;
  readonly responsible: string | null;
  readonly followUp: string | null;
  readonly note: string | null;
  readonly urgent: boolean;
  readonly report: Record<string, unknown>;
  readonly events: CaseEvent[];
  /** A summary without the personal identity number (use toJson() to store). */
  toJSON(): { id: string; unit: string; state: CaseState; events: number };
}

export interface InboxRow {
  case: Case;
  arrival: string;
  status: CaseState;
  colour: "green" | "pink";
  responsible: string | null;
  followUp: string | null;
  followUpDue: boolean;
  note: string | null;
  urgent: boolean;
  diagnosisDate: string | null;
  deathDate: string | null;
}

/** A unit's green and pink cases: for action first, then follow-up due, urgent, oldest. */
export function inbox(cases: Case[], options: { unit: string; today?: Date | string }): InboxRow[];

/** Earlier reports of the same patient that may be the same tumour (IARC/IACR 2004 rules). */
export function possibleDuplicates(
  report: object | string,
  others: Array<object | string>,
  options?: { lang?: "sv" | "en" },
): Array<{ index: number; rule: string; message: string }>;

