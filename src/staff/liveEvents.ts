/**
 * Live updates for the console: new and moved tickets, new transcript lines, and (for the
 * PSEA focal point only) that a sealed report was filed. In-process: one Faro process serves
 * the console and the channels. With several processes a console sees only its own process's
 * events, and catches up by re-reading the queue and the ticket when its stream reconnects.
 *
 * Events carry no PSEA content at all (the sealed event is the notifier's `{event, at}`), and
 * what a person wrote reaches only the operator holding their ticket: reading a person's data
 * is audited, and only the holder's read is (the claim). Everyone else who reads tickets hears
 * that a ticket has a new line, without its text, and reads it through the API (audited) if
 * they are looking at that ticket. The holders are known from the claims this process made
 * and the claimed tickets it found at start.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Ticket, TicketStatus, TranscriptLine } from '../core/domain.ts';
import type { PendingEffect } from '../core/effect.ts';
import type { TranscriptBatch } from '../runtime/effects.ts';
import type { SealedReportEvent } from './pseaNotifier.ts';

/** A transcript line as staff see it (no contact key, no storage order fields). */
export interface LineView {
  /** `staffLineId` of the stored id: stable, but naming neither the person nor a position. */
  id: string;
  from: TranscriptLine['from'];
  text: string;
  at: string;
  staffId?: string;
}

export type LiveEvent =
  | { type: 'ticket'; ref: string; status: TicketStatus; claimedBy?: string }
  /** `holder`: the staff id holding the ticket when the line was written, if any. */
  | { type: 'line'; ref: string; line: LineView; holder: string | null }
  | { type: 'psea'; event: SealedReportEvent };

export type LiveListener = (event: LiveEvent) => void;

export interface LiveEvents {
  publish(event: LiveEvent): void;
  /** Adds a listener (and what to do when the events end); returns the function that removes it. */
  subscribe(listener: LiveListener, onEnd?: () => void): () => void;
  /** Shutdown: ends every stream, so the server need not wait for them (consoles reconnect). */
  end(): void;
  /** Give this to TurnRuntime as `onApplied`: tickets opened and lines written by a turn. */
  fromEffects(effects: readonly PendingEffect[], transcript: readonly TranscriptBatch[]): void;
}

/**
 * What staff see of a line's id. The stored id names the conversation (`whatsapp:<phone>#7`) and
 * counts the bot's messages, so it gave operators the person's phone number, and its gaps
 * told them that sealed (PSEA) messages were skipped there (issue 10). Staff get a keyed hash
 * of it instead: the same line has the same id in the API and the live events of a process,
 * and nothing can be read from it. The key is per process: a console reloads what it shows
 * when its stream reconnects (after a restart too), so ids never need to outlive it.
 */
const LINE_ID_KEY = randomBytes(32);
export function staffLineId(id: string): string {
  return createHmac('sha256', LINE_ID_KEY).update(id).digest('base64url').slice(0, 22);
}

export function lineView(line: TranscriptLine): LineView {
  return { id: staffLineId(line.id), from: line.from, text: line.text, at: new Date(line.at).toISOString(), ...(line.staffId !== undefined && { staffId: line.staffId }) };
}

/** `claimed`: the tickets held when the process starts (see the file comment). */
export function createLiveEvents(claimed: readonly Pick<Ticket, 'ref' | 'claimedBy'>[] = []): LiveEvents {
  const listeners = new Set<LiveListener>();
  const enders = new Map<LiveListener, () => void>();
  const holders = new Map(claimed.filter((t) => t.claimedBy !== undefined).map((t) => [t.ref, t.claimedBy!]));
  const publish = (event: LiveEvent) => {
    if (event.type === 'ticket') {
      if (event.status === 'claimed' && event.claimedBy !== undefined) holders.set(event.ref, event.claimedBy);
      else holders.delete(event.ref);
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A broken stream must not stop the others; its own close handler unsubscribes it.
      }
    }
  };
  return {
    publish,
    subscribe(listener, onEnd) {
      listeners.add(listener);
      if (onEnd) enders.set(listener, onEnd);
      return () => {
        listeners.delete(listener);
        enders.delete(listener);
      };
    },
    end() {
      for (const onEnd of [...enders.values()]) onEnd();
      listeners.clear();
      enders.clear();
    },
    fromEffects(effects, transcript) {
      if (listeners.size === 0) return;
      // PSEA tickets do not exist for the console (see the tickets API); the dialog opens none.
      for (const effect of effects) if (effect.type === 'ticket.open' && effect.reason !== 'psea') publish({ type: 'ticket', ref: effect.ref, status: 'open' });
      for (const { ticketRef, lines } of transcript) {
        if (ticketRef !== null) for (const line of lines) publish({ type: 'line', ref: ticketRef, line: lineView(line), holder: holders.get(ticketRef) ?? null });
      }
    },
  };
}
