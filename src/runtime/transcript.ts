/**
 * The staff transcript of a conversation (kept only when the dialog allows it: see
 * DialogTurn.transcript). A turn's `transcript.append` effect names its lines rather than
 * copying them: the person's words, and which of the record's outbox messages (by seq) are
 * this turn's; the lines are built when the effect is applied, from the committed record.
 * Ids are stable, so a turn re-applied after a crash stores its lines once: the person's
 * message `<key>#in#<messageId>`, each message to the person its outbound id `<key>#<seq>`.
 */
import type { TranscriptLine } from '../core/domain.ts';
import type { TurnInput } from '../core/dialog.ts';
import type { TranscriptAppend } from '../core/effect.ts';
import type { Choice } from '../core/message.ts';
import type { ConversationRecord } from '../store/ports.ts';

/** What the person sent, as staff should read it: a click shows the title they saw. */
export function saidBy(input: TurnInput, choices: Choice[]): string | undefined {
  if (input.text !== undefined) return input.text;
  if (input.action === undefined) return undefined;
  return choices.find((c) => c.action === input.action)?.title ?? input.action;
}

/** The lines an effect names, from the record it was committed with. */
export function linesOf(record: ConversationRecord, effect: TranscriptAppend): TranscriptLine[] {
  const { key } = record;
  const { rev, at } = effect;
  const lines: TranscriptLine[] = [];
  if (effect.said) lines.push({ id: `${key}#in#${effect.said.messageId}`, contactKey: key, rev, n: 0, from: 'person', text: effect.said.text, at });
  const [first, last] = effect.seqs;
  for (const message of record.outbox) {
    if (message.seq < first || message.seq > last) continue;
    const from = effect.staffId === undefined ? 'bot' : 'operator';
    lines.push({ id: message.id, contactKey: key, rev, n: message.seq - first + 1, from, text: message.reply.text, at, ...(effect.staffId !== undefined && { staffId: effect.staffId }) });
  }
  return lines;
}
