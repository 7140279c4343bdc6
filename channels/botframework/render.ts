import type { Activity, CardAction } from 'botbuilder';
import type { Outbound } from '../../src/core/message.ts';
import { numberedMenu } from '../kit/text.ts';
import type { ChoiceStyle } from './choices.ts';

/**
 * Outbound → the Bot Framework `message` activity we hand to `context.sendActivity`
 * (botbuilder fills in from, recipient, conversation, serviceUrl and replyToId). Sample for a
 * `messageBack` channel:
 *
 *   { "type": "message", "text": "¿Sobre qué tema necesitas información?…",
 *     "suggestedActions": { "to": ["29:1k…"], "actions": [
 *       { "type": "messageBack", "title": "Salud", "displayText": "Salud", "value": { "action": "topic:health" } } ] },
 *     "channelData": { "step": "menu" } }
 *
 * Like the Direct Line adapter, every reply carries its dialog position in
 * `channelData: {step, topic?, answerId?}`. `messageBack` buttons send no `text`, only the
 * action: the dialog also scans typed text for protection signals, and a button's title is
 * not something the person wrote.
 */
export type ReplyActivity = Partial<Activity> & Pick<Activity, 'type'>;

export function renderReply(outbound: Outbound, style: ChoiceStyle, userId: string | undefined): ReplyActivity {
  const { reply } = outbound;
  const activity: ReplyActivity = {
    type: 'message',
    text: reply.text,
    channelData: {
      step: reply.step,
      ...(reply.topic !== undefined ? { topic: reply.topic } : {}),
      ...(reply.answerId !== undefined ? { answerId: reply.answerId } : {}),
    },
  };
  if (reply.choices.length === 0) return activity;

  if (style === 'numbered') {
    const menu = numberedMenu(reply.choices);
    if (menu !== '') activity.text = `${reply.text}\n\n${menu}`;
    return activity;
  }
  activity.suggestedActions = {
    to: userId !== undefined ? [userId] : [],
    actions: reply.choices.map(
      (choice): CardAction =>
        style === 'imBack' ? { type: 'imBack', title: choice.title, value: choice.title } : { type: 'messageBack', title: choice.title, displayText: choice.title, value: { action: choice.action } },
    ),
  };
  return activity;
}
