import { conversationKey, type Inbound, type Outbound } from '../../src/core/message.ts';
import type { OutboundSink, TurnHandler, TurnOutcome } from '../../src/runtime/ports.ts';

/**
 * A stand-in for the turn runtime: answers every message with "echo: <text or action>" and
 * two choices (Sí / No) at step `menu`, through the sink registered on it. Like the real
 * runtime it dedupes by message id. Knobs: `delayMs` (slow turns), `failures` (the next N
 * turns throw).
 */
export class FakeTurns implements TurnHandler {
  sink: OutboundSink | undefined;
  /** Every call, including duplicates and failures. */
  readonly calls: Inbound[] = [];
  delayMs = 0;
  failures = 0;
  private readonly done = new Set<string>();
  private readonly seqs = new Map<string, number>();

  async handle(inbound: Inbound): Promise<TurnOutcome> {
    this.calls.push(inbound);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('fake turn failure: the store is down');
    }
    const key = conversationKey(inbound.channel, inbound.conversationId);
    const doneKey = `${key}|${inbound.messageId}`;
    if (this.done.has(doneKey)) return { duplicate: true, outbound: [] };
    this.done.add(doneKey);
    const seq = (this.seqs.get(key) ?? 0) + 1;
    this.seqs.set(key, seq);
    const outbound: Outbound = {
      id: `${key}#${seq}`,
      channel: inbound.channel,
      conversationId: inbound.conversationId,
      seq,
      replyTo: inbound.messageId,
      reply: {
        text: `echo: ${inbound.text ?? inbound.action ?? ''}`,
        choices: [
          { action: 'yes', title: 'Sí' },
          { action: 'no', title: 'No' },
        ],
        step: 'menu',
        topic: 'health',
      },
    };
    if (!this.sink) throw new Error('FakeTurns: register a sink first');
    await this.sink.deliver([outbound]);
    return { duplicate: false, outbound: [outbound] };
  }

  /** Calls that were new messages (not redeliveries of a finished one). */
  get messageIds(): string[] {
    return this.calls.map((c) => c.messageId);
  }
}
