import type { Inbound, Outbound } from '../core/message.ts';

/** What a channel calls for each inbound message. Resolves after the turn is committed and its
 * replies were handed to the channel's OutboundSink. */
export interface TurnHandler {
  handle(inbound: Inbound): Promise<TurnOutcome>;
}

export interface TurnOutcome {
  /** True when this message id was already processed: nothing was done, nothing sent. */
  duplicate: boolean;
  /** The replies of this turn (already delivered through the channel's sink). */
  outbound: Outbound[];
}

/** Implemented by each channel: put messages on the wire. Must be idempotent by `Outbound.id`
 * (after a crash the runtime delivers the last turn's outbox again). */
export interface OutboundSink {
  deliver(messages: Outbound[]): Promise<void>;
}
