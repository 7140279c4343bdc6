/**
 * The lines a turn adds to the staff transcript (kept only when the dialog allows it: see
 * DialogTurn.transcript). Ids are stable, so a turn re-applied after a crash stores its lines
 * once: the person's message `<key>#in#<messageId>`, each message to the person its outbound
 * id `<key>#<seq>`.
 */
import type { TranscriptLine } from '../core/domain.ts';
import type { TurnInput } from '../core/dialog.ts';
import type { Choice, Outbound } from '../core/message.ts';

export interface TurnLines {
  key: string;
  /** The rev the turn commits: lines are ordered by it, then by `n`. */
  rev: number;
  messageId: string;
  input: TurnInput;
  /** The options that were on screen: a click is shown with the title the person saw. */
  choices: Choice[];
  replies: Outbound[];
  at: number;
}

export function turnLines({ key, rev, messageId, input, choices, replies, at }: TurnLines): TranscriptLine[] {
  const said = input.text ?? (input.action === undefined ? undefined : (choices.find((c) => c.action === input.action)?.title ?? input.action));
  const person: TranscriptLine[] = said === undefined ? [] : [{ id: `${key}#in#${messageId}`, contactKey: key, rev, n: 0, from: 'person', text: said, at }];
  return [...person, ...replies.map((m, i): TranscriptLine => ({ id: m.id, contactKey: key, rev, n: i + 1, from: 'bot', text: m.reply.text, at }))];
}

/** A message sent outside a turn: from an operator, or from Faro itself (staffId null). */
export function operatorLine(key: string, rev: number, message: Outbound, staffId: string | null, at: number): TranscriptLine {
  return { id: message.id, contactKey: key, rev, n: 0, from: staffId === null ? 'bot' : 'operator', text: message.reply.text, at, ...(staffId !== null && { staffId }) };
}
