import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler, Router } from 'express';
import type { OutboundSink } from '../src/runtime/ports.ts';

/**
 * What every channel adapter hands to the composition root (bots/faro/faro.ts). An adapter
 * only translates: platform update → `Inbound` (to the runtime's TurnHandler), `Outbound` →
 * platform call (its `sink`). It never writes conversation state.
 */
export interface Channel {
  /** `Inbound.channel` / `Outbound.channel` of this adapter (`webchat`, `telegram`, `whatsapp`…). */
  readonly name: string;
  readonly sink: OutboundSink;
  /** Webhook and page routes, mounted on the main HTTP app. */
  readonly routers?: Router[];
  /** Run before the JSON body parser (its CORS, so that even a 400 from the parser carries it). */
  readonly beforeBody?: RequestHandler[];
  /** WebSocket upgrades it owns; returns false for requests that are not its own. */
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Before the runtime recovers unfinished turns: works through what the channel accepted but
   * had not finished before the last stop (WhatsApp's durable inbox). Replies recovered next may
   * need what this restores (WhatsApp's 24-hour windows). */
  resume?(): Promise<void>;
  /** Begins receiving (long polling, a client login…), after the HTTP server listens. */
  start?(): Promise<void>;
  /** Stops receiving and frees timers and sockets. */
  stop?(): Promise<void>;
}
