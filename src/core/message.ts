/**
 * The shapes every channel adapter translates to and from. A channel turns one platform
 * update into one `Inbound`; the runtime answers with `Outbound` messages, which the channel
 * renders its own way (buttons, keyboards, numbered text).
 */

/** One option offered to the person. `action` is stable and language-independent
 * (`lang:es`, `consent:accept`, `topic:health`, `faq:<answerId>`, `menu`, `human`, `yes`…);
 * `title` is the localised label. */
export interface Choice {
  action: string;
  title: string;
}

/** Where in the dialog a reply was produced: `language`, `consent`, `menu`, `faq.answer`,
 * `intake.age`, `psea`, `safety`, `handoff.queued`… Channels expose it (Direct Line
 * `channelData.step`) so clients and tests can follow the conversation. */
export type Step = string;

export interface Reply {
  text: string;
  /** Empty when the message offers nothing to pick. */
  choices: Choice[];
  step: Step;
  /** Set when the reply shows or lists published content. */
  topic?: string;
  answerId?: string;
}

export interface Inbound {
  /** Channel name: `webchat`, `telegram`, `whatsapp`, `botframework`, `bench`… */
  channel: string;
  /** The channel's own conversation id (Direct Line conversation, Telegram chat, wa_id). */
  conversationId: string;
  /** The platform's message id; a redelivery carries the same id and gets no second reply. */
  messageId: string;
  /** What the person typed, if anything. */
  text?: string;
  /** The stable action value of a clicked choice, if any. */
  action?: string;
  /** A language hint from the platform (`es-PE`, `en`), used only on first contact. */
  locale?: string;
}

export interface Outbound {
  /** Stable id: `<conversationKey>#<seq>`; delivering the same id twice must be a no-op. */
  id: string;
  channel: string;
  conversationId: string;
  /** Position of this message among the bot's messages in the conversation (1, 2, …). */
  seq: number;
  /** The inbound message this answers; '' when it answers none (an operator's message). */
  replyTo: string;
  reply: Reply;
}

/** One conversation per channel conversation; the key every store and lock uses. */
export function conversationKey(channel: string, conversationId: string): string {
  return `${channel}:${conversationId}`;
}
