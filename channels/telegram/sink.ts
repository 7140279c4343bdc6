import type { Telegram } from 'telegraf';
import type { Outbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { OutboundSink } from '../../src/runtime/ports.ts';
import { CHANNEL } from './inbound.ts';
import { RecentIds } from '../kit/recentIds.ts';
import { numberedMenu } from '../kit/text.ts';
import { renderReply, splitText, type TelegramText } from './render.ts';
import { callWithRetries, type RetryPolicy } from './retry.ts';
import { TelegramSendError } from './sendError.ts';

/** Delivered message parts remembered for idempotency (a few minutes of a busy bot). */
const REMEMBERED_PARTS = 10_000;
/** telegraf types the signal with the `abort-controller` polyfill; node-fetch accepts the
 * platform's AbortSignal (it checks the class name). */
type CallSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

/**
 * Puts replies on the wire with `sendMessage`, in order. Idempotent by `Outbound.id`: each
 * rendered part is remembered once Telegram accepted it, so the runtime delivering the same
 * outbox again (a retried turn) sends nothing twice, and a delivery that failed half-way
 * resumes after the last part that went out. Memory is per process: after a restart the
 * runtime's recovery may resend what the last moments before a crash already sent.
 *
 * Failures (see sendError.ts): `throttled`/`unavailable` are retried here, then thrown (the
 * runtime keeps the outbox); `unauthorized` is thrown at once; `contact_unreachable` drops the reply
 * (the person blocked the bot: nobody will read it, and retrying forever would jam recovery);
 * `rejected` on a message with buttons is sent once more as a numbered text menu, else dropped.
 */
export class TelegramSink implements OutboundSink {
  private readonly delivered = new RecentIds(REMEMBERED_PARTS);

  constructor(
    private readonly telegram: Telegram,
    private readonly policy: RetryPolicy,
    private readonly log: Logger,
  ) {}

  async deliver(messages: Outbound[]): Promise<void> {
    for (const message of messages) {
      if (message.channel !== CHANNEL) {
        this.log.warn({ outboundId: message.id, channel: message.channel }, "telegram sink got another channel's message");
        continue;
      }
      await this.deliverOne(message);
    }
  }

  private async deliverOne(outbound: Outbound): Promise<void> {
    const ids = { conversationId: outbound.conversationId, outboundId: outbound.id, step: outbound.reply.step };
    const parts = renderReply(outbound.reply);
    for (const [i, part] of parts.entries()) {
      const key = `${outbound.id}|${i}`;
      if (this.delivered.has(key)) continue;
      try {
        await this.send(outbound.conversationId, part, ids);
        this.remember(key);
      } catch (err) {
        if (!(err instanceof TelegramSendError)) throw err;
        if (err.kind === 'contact_unreachable') {
          this.log.warn({ ...ids, kind: err.kind, code: err.code }, 'reply dropped: the person cannot be reached on Telegram');
          return;
        }
        if (err.kind === 'rejected' && part.keyboard) {
          this.log.warn({ ...ids, kind: err.kind, code: err.code }, 'Telegram refused the buttons; sending a numbered menu');
          await this.sendPlain(outbound, part, key, ids);
          continue;
        }
        if (err.kind === 'rejected') {
          this.log.error({ ...ids, part: i, kind: err.kind, code: err.code, reason: err.message }, 'reply part dropped: Telegram refused it');
          continue;
        }
        this.log.error({ ...ids, part: i, kind: err.kind, code: err.code }, 'reply not delivered');
        throw err;
      }
    }
    this.log.debug({ ...ids, parts: parts.length }, 'reply delivered');
  }

  /** The refused part again, its buttons replaced by the numbered menu. */
  private async sendPlain(outbound: Outbound, part: TelegramText, key: string, ids: Record<string, unknown>): Promise<void> {
    const pieces = splitText([part.text, numberedMenu(outbound.reply.choices)].filter((p) => p !== '').join('\n\n'));
    for (const [j, piece] of pieces.entries()) {
      const pieceKey = `${key}|plain${j}`;
      if (this.delivered.has(pieceKey)) continue;
      try {
        await this.send(outbound.conversationId, { text: piece }, ids);
      } catch (err) {
        if (err instanceof TelegramSendError && (err.kind === 'rejected' || err.kind === 'contact_unreachable')) {
          this.log.error({ ...ids, kind: err.kind, code: err.code, reason: err.message }, 'numbered menu dropped too');
          return;
        }
        throw err;
      }
      this.remember(pieceKey);
    }
    this.remember(key);
  }

  private send(chatId: string, part: TelegramText, ids: Record<string, unknown>): Promise<unknown> {
    return callWithRetries(
      this.policy,
      () =>
        this.telegram.callApi(
          'sendMessage',
          {
            chat_id: chatId,
            text: part.text,
            // Previews download pages on the person's data plan; answers name their sources in text.
            link_preview_options: { is_disabled: true },
            ...(part.keyboard ? { reply_markup: { inline_keyboard: part.keyboard } } : {}),
          },
          { signal: AbortSignal.timeout(this.policy.timeoutMs) as unknown as CallSignal },
        ),
      (failure, attempt, waitMs) => this.log.warn({ ...ids, kind: failure.kind, code: failure.code, attempt, waitMs }, 'sendMessage failed; retrying'),
    );
  }

  private remember(key: string): void {
    this.delivered.add(key);
  }
}
