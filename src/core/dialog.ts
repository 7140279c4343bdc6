import type { Effect } from './effect.ts';
import type { Lang } from './languages.ts';
import type { Choice, Reply } from './message.ts';

/** What one turn of a dialog produced. */
export interface DialogTurn {
  replies: Reply[];
  effects: Effect[];
  /** The options now on screen (the last reply's), for resolving "2" or a title next turn. */
  choices: Choice[];
  /** Whether staff may read this turn (consent stands and no PSEA step was involved: sealed
   * words never reach the transcript), and the person's open ticket, whose operator sees the
   * lines live. Null: nothing of this turn is kept. */
  transcript: { ticketRef: string | null } | null;
}

/** Things that happen to a conversation outside the chat. Never built from a channel's input. */
export type DialogSignal =
  | { type: 'OPERATOR_JOINED'; ticketRef: string }
  | { type: 'TICKET_CLOSED'; ticketRef: string }
  /** The PSEA focal point writes to the person about their report (sealed: never transcribed). */
  | { type: 'PSEA_MESSAGE'; code: string; text: string };

/** What a turn gets besides the message: a dialog reads no clock, draws nothing and does no I/O. */
export interface TurnContext {
  /** A freshly drawn reference, used if the turn opens a ticket, case or report. */
  ref: string;
  /** Epoch ms of the turn (opening hours). */
  now: number;
  /** When the message names a reference (`K7P-4QM`), what the runtime found under it. */
  lookup?: ReferenceLookup;
}

/** A reference the person typed, as found in the store. Only what the person may be told. */
export type ReferenceLookup =
  | { ref: string; found: 'case'; type: string; status: string; mine: boolean; outcome?: string }
  | { ref: string; found: 'ticket'; status: string; mine: boolean }
  | { ref: string; found: 'nothing' };

/** One input of a turn: what the person sent, or a signal from staff. */
export interface TurnInput {
  text?: string;
  action?: string;
  signal?: DialogSignal;
}

/** A conversation's dialog, live in memory between turns. Its only state is `persist()`. */
export interface DialogSession {
  readonly step: string;
  /** One message from the person (or a signal), with the choices that were on screen. */
  turn(input: TurnInput, choices: Choice[], context: TurnContext): DialogTurn;
  /** Plain JSON, saved after every turn as `{ machineVersion, snapshot }`. */
  persist(): unknown;
  stop(): void;
}

export interface Dialog {
  /** Bump when a saved snapshot could no longer be restored (states renamed, context changed). */
  readonly version: number;
  /** Opens a saved conversation, or a new one when `saved` is null. A snapshot from another
   * version (or one that no longer restores) restarts politely instead of failing. */
  open(saved: { machineVersion: number; snapshot: unknown } | null, hint?: { locale?: string }): DialogSession;
}

/** A bot string in a language, its `{{placeholders}}` filled: what staff-side code tells a
 * person outside a turn (a referral's change) says through this, from the same catalogs. */
export type Say = (lang: Lang, key: string, vars?: Record<string, string>) => string;
