/**
 * How staff actions reach the person behind a ticket: an operator's message, a referral's
 * outcome, the ticket being claimed or closed. Implemented over the TurnRuntime, so a message
 * to a person is committed, transcribed and delivered exactly like the bot's replies, in
 * order with them, on the channel the person used.
 */
import type { PseaReport, Ticket } from '../core/domain.ts';
import { UnknownConversationError, type TurnRuntime } from '../runtime/turns.ts';

/** What moved a ticket: the dialog hears it as an event (a person joins, the ticket closes). */
export type TicketChangeEvent = 'claimed' | 'closed';

export interface PersonLink {
  /**
   * Sends `text` to the person and records it in the transcript: from the operator `staffId`,
   * or from Faro itself when `staffId` is null (a referral's outcome). Resolves once the
   * message is committed: `delivered` is false when the channel could not take it now (it is
   * sent again with the person's next message). Throws PersonUnreachableError when the
   * person's conversation no longer exists, or their channel is not running.
   */
  say(ticket: Ticket, text: string, staffId: string | null): Promise<{ id: string; delivered: boolean }>;
  /** Tells the person's dialog the ticket was claimed or closed (idempotent per ticket and
   * change). Throws PersonUnreachableError like `say`. */
  ticketChanged(ticket: Ticket, change: TicketChangeEvent): Promise<void>;
  /** The focal point's message about a report filed with "contact me in this chat" (idempotent
   * per `id`): shown to the person, whose next messages go to the report, sealed. Throws
   * PersonUnreachableError like `say`. */
  pseaMessage(report: Pick<PseaReport, 'code'> & Pick<Ticket, 'channel' | 'contactKey'>, text: string, id: string): Promise<void>;
}

export class PersonUnreachableError extends Error {
  override name = 'PersonUnreachableError';
  constructor() {
    super('the person of this ticket cannot be reached (conversation gone or channel not running)');
  }
}

/** `webchat:abc` with channel `webchat` → `abc` (conversation ids may contain `:`). */
export function conversationIdOf(ticket: Pick<Ticket, 'channel' | 'contactKey'>): string {
  return ticket.contactKey.slice(ticket.channel.length + 1);
}

export function createPersonLink(runtime: TurnRuntime): PersonLink {
  return {
    async say(ticket, text, staffId) {
      const reply = { text, choices: [], step: staffId === null ? 'notice' : 'operator' };
      const { message, delivered } = await reachable(() => runtime.send(ticket.channel, conversationIdOf(ticket), reply, { staffId, ticketRef: ticket.ref }));
      return { id: message.id, delivered };
    },
    async pseaMessage(report, text, id) {
      await reachable(() => runtime.signal(report.channel, conversationIdOf(report), { type: 'PSEA_MESSAGE', code: report.code, text }, `psea:${id}`));
    },
    async ticketChanged(ticket, change) {
      await reachable(() =>
        runtime.signal(ticket.channel, conversationIdOf(ticket), { type: change === 'claimed' ? 'OPERATOR_JOINED' : 'TICKET_CLOSED', ticketRef: ticket.ref }, `${change}:${ticket.ref}`),
      );
    },
  };
}

async function reachable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw err instanceof UnknownConversationError ? new PersonUnreachableError() : err;
  }
}
