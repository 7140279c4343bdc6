/**
 * The Bot Framework channel: Faro as a bot behind the Azure Bot Service (Teams, Web Chat,
 * Slack, Facebook, SMS… as configured there), the Bot Framework Emulator, or any client that
 * speaks the Bot Framework protocol to `POST /api/messages`.
 *
 * botbuilder (4.23) is imported ONLY inside this folder, on purpose: Microsoft archived the
 * Bot Framework SDK in favour of the Microsoft 365 Agents SDK (`@microsoft/agents-hosting`,
 * whose CloudAdapter/`process` have the same shape). Swapping the SDK must stay a change to
 * this folder; nothing outside it sees a botbuilder type.
 *
 * Wiring (composition root):
 *
 *   const bf = createBotFrameworkChannel({ turns: runtime, log, appId, appPassword, appType, tenantId });
 *   runtime.register(bf.name, bf.sink);
 *   createApp({ log, ready, routers: [...bf.routers, …] });   // and `await bf.stop()` on shutdown
 */
import type { Channel } from '../channel.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import { FaroCloudAdapter } from './adapter.ts';
import { createBotAuthentication, type BotIdentity } from './auth.ts';
import { ConversationMemory } from './conversations.ts';
import { LiveTurns } from './liveTurns.ts';
import { proactiveSender } from './proactive.ts';
import { createBotFrameworkRouter } from './router.ts';
import { BotFrameworkSink, CHANNEL } from './sink.ts';
import { runTurn } from './turn.ts';

export type { AppType } from './auth.ts';
export { MESSAGES_PATH } from './router.ts';

export interface BotFrameworkOptions extends BotIdentity {
  turns: TurnHandler;
  log: Logger;
  /** Conversations whose reference and parked replies are kept in memory. Default 10,000. */
  maxConversations?: number;
  /** Replies kept per conversation while they cannot be sent. Default 50. */
  maxParkedReplies?: number;
  /** A conversation not heard from for this long is forgotten. Default 24 h. */
  idleForgetMs?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

export function createBotFrameworkChannel(options: BotFrameworkOptions): Channel {
  const log = options.log.child({ channel: CHANNEL });
  const now = options.now ?? Date.now;
  const { auth, appId, requiresAuth } = createBotAuthentication(options);
  const maxConversations = positiveInteger('maxConversations', options.maxConversations ?? 10_000);
  const maxParkedReplies = positiveInteger('maxParkedReplies', options.maxParkedReplies ?? 50);
  const idleForgetMs = positiveInteger('idleForgetMs', options.idleForgetMs ?? 24 * 60 * 60 * 1000);

  const adapter = new FaroCloudAdapter(auth);
  const memory = new ConversationMemory({ capacity: maxConversations, parkedPerConversation: maxParkedReplies, idleMs: idleForgetMs, now });
  const live = new LiveTurns();
  const sink = new BotFrameworkSink({ live, memory, proactive: proactiveSender(adapter, appId), log });
  const router = createBotFrameworkRouter({
    adapter,
    requiresAuth,
    log,
    onActivity: (context, incoming) => runTurn({ turns: options.turns, sink, live, memory, log, now }, context, incoming),
  });

  if (!requiresAuth) {
    log.warn('Bot Framework endpoint runs WITHOUT authentication (no app id): it accepts any caller and replies to any serviceUrl; use it only locally (Emulator, a bridge on the same host)');
  }

  return {
    name: CHANNEL,
    sink,
    routers: [router],
    async stop() {
      memory.clear();
    },
  };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`Bot Framework ${name} must be a positive whole number, got ${value}.`);
  return value;
}
