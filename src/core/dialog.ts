import type { Effect } from './effect.ts';
import type { Choice, Reply } from './message.ts';

/** What one turn of a dialog produced. */
export interface DialogTurn {
  replies: Reply[];
  effects: Effect[];
  /** The options now on screen (the last reply's), for resolving "2" or a title next turn. */
  choices: Choice[];
}

/** A conversation's dialog, live in memory between turns. Its only state is `persist()`. */
export interface DialogSession {
  readonly step: string;
  /** One message from the person. `ref` is a freshly drawn ticket reference, used if a ticket opens. */
  turn(input: { text?: string; action?: string }, choices: Choice[], ref: string): DialogTurn;
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
