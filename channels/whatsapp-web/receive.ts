import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import { readIncoming } from './inbound.ts';
import { logRef, safeError } from './privacy.ts';

/**
 * The `message` listener: one incoming WhatsApp message → at most one turn. The runtime
 * dedupes by `messageId` durably, so a message the library emits twice is answered once, and it
 * runs the turns of one chat one at a time, in the order they are handed over here.
 *
 * Resolves when the turn is done (or the message was ignored); never rejects, because nothing
 * above an event listener could handle it.
 */
export function createReceiver(turns: TurnHandler, log: Logger): (raw: unknown) => Promise<void> {
  return async (raw) => {
    const received = readIncoming(raw);
    if (received.kind === 'ignored') {
      const level = received.reason === 'invalid' ? 'warn' : 'debug';
      log[level]({ reason: received.reason, ...(received.messageId !== undefined && { message: logRef(received.messageId) }) }, 'message ignored');
      return;
    }
    const { inbound } = received;
    const refs = { chat: logRef(inbound.conversationId), message: logRef(inbound.messageId) };
    try {
      const outcome = await turns.handle(inbound);
      log.info({ ...refs, replies: outcome.outbound.length, duplicate: outcome.duplicate }, 'turn done');
    } catch (err) {
      log.error({ ...refs, error: safeError(err) }, 'turn failed');
    }
  };
}
