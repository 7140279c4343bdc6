import type { Telegram } from 'telegraf';
import { logRef } from '../../src/core/logRef.ts';
import type { Inbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler, TurnOutcome } from '../../src/runtime/ports.ts';
import { meaningOf } from './inbound.ts';
import { withRetries } from '../kit/retry.ts';
import { kitPolicy, type RetryPolicy } from './retry.ts';
import type { TelegramUpdate } from './update.ts';

export interface ReceiveDeps {
  turns: TurnHandler;
  telegram: Telegram;
  log: Logger;
}

export type Received = 'handled' | 'duplicate' | 'ignored';

/**
 * One validated update: run its turn (the runtime dedupes by message id and sends the replies
 * through the sink before this resolves) and answer a click. The turn is started before the
 * first `await`, so updates handed over in order reach the runtime in order.
 *
 * `retry` (long polling): a failed turn is tried again with the same message id, because the
 * update is already confirmed to Telegram and would otherwise be lost. A webhook passes none
 * and answers 503 instead, so Telegram itself sends the update again.
 */
export async function receiveUpdate(deps: ReceiveDeps, update: TelegramUpdate, retry?: RetryPolicy): Promise<Received> {
  const meaning = meaningOf(update);
  // Every click is answered, even an ignored one or one whose turn fails: until then the
  // person's button shows a spinner.
  const answered = meaning.callbackQueryId === undefined ? undefined : answerClick(deps, meaning.callbackQueryId, update.update_id);
  try {
    if (meaning.kind === 'ignored') {
      deps.log.debug({ updateId: update.update_id, reason: meaning.reason }, 'update ignored');
      return 'ignored';
    }
    const { inbound } = meaning;
    const outcome = await (retry ? handleWithRetries(deps, inbound, retry) : deps.turns.handle(inbound));
    deps.log.info({ updateId: update.update_id, conversation: logRef(inbound.conversationId), replies: outcome.outbound.length, duplicate: outcome.duplicate }, 'update handled');
    return outcome.duplicate ? 'duplicate' : 'handled';
  } finally {
    await answered;
  }
}

function handleWithRetries(deps: ReceiveDeps, inbound: Inbound, retry: RetryPolicy): Promise<TurnOutcome> {
  return withRetries(
    () => deps.turns.handle(inbound),
    () => true,
    kitPolicy(retry),
    (err, attempt, waitMs) => deps.log.warn({ conversation: logRef(inbound.conversationId), attempt, waitMs, err: errorName(err) }, 'turn failed; retrying'),
  );
}

async function answerClick(deps: ReceiveDeps, callbackQueryId: string, updateId: number): Promise<void> {
  try {
    await deps.telegram.answerCbQuery(callbackQueryId);
  } catch (err) {
    // Late or repeated answers fail ("query is too old"); the turn matters more than the spinner.
    deps.log.warn({ updateId, err: errorName(err) }, 'answerCallbackQuery failed');
  }
}

/** Only the error's kind: telegraf errors carry the request payload, which holds message text. */
export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
