import type { Choice, Outbound } from '../../src/core/message.ts';
import { shorten, split, withNumberedMenu } from '../kit/text.ts';
import { envelope, type GraphMessage, type ListRow, type TextMessage } from './wire.ts';

/**
 * Cloud API limits (interactive reply buttons and list messages; commonly cited values, kept
 * conservative: lengths are UTF-16 units, see text.ts).
 */
export const LIMITS = {
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  listButton: 20,
  interactiveBody: 1024,
  textBody: 4096,
} as const;

/** The list's open button. The channel does not know the person's language, hence both. */
export const LIST_BUTTON = 'Opciones / Options';

/**
 * One Outbound → the Graph messages that show it (usually one), in this order of preference:
 *
 * 1. no choices: a text message (split in parts of ≤ 4,096 when longer);
 * 2. ≤ 3 choices whose titles fit 20 characters: reply buttons (one tap);
 * 3. ≤ 10 choices whose titles fit 72 characters: a list. A title longer than a row's 24
 *    characters is shortened there and shown whole as the row's description, so the main
 *    menu ("Regularización y documentos") is still a list;
 * 4. otherwise, or when the text is over 1,024 characters (an interactive body's limit), or
 *    ids are too long or repeated: numbered text ("1. Salud\n2. Vivienda…"), which the dialog
 *    reads back when the person types the number or the title.
 *
 * A click answers with the choice's `action` as the button or row id, which the webhook hands to
 * the runtime as `Inbound.action`.
 */
export function renderOutbound(outbound: Outbound, callbackData?: string): GraphMessage[] {
  const to = outbound.conversationId;
  const { text, choices } = outbound.reply;
  if (choices.length === 0) return textMessages(to, text, callbackData);

  const bodyFits = text.trim().length > 0 && text.length <= LIMITS.interactiveBody;
  if (bodyFits && fitsButtons(choices)) {
    return [
      {
        ...envelope(to, callbackData),
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text },
          action: { buttons: choices.map((c) => ({ type: 'reply', reply: { id: c.action, title: c.title } })) },
        },
      },
    ];
  }
  if (bodyFits && fitsList(choices)) {
    return [
      {
        ...envelope(to, callbackData),
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text },
          action: { button: LIST_BUTTON, sections: [{ rows: choices.map(rowOf) }] },
        },
      },
    ];
  }
  return textMessages(to, withNumberedMenu(text, choices), callbackData);
}

function fitsButtons(choices: Choice[]): boolean {
  return (
    choices.length <= LIMITS.buttons &&
    choices.every((c) => c.title.trim().length > 0 && c.title.length <= LIMITS.buttonTitle && idFits(c.action, LIMITS.buttonId)) &&
    unique(choices.map((c) => c.action)) &&
    unique(choices.map((c) => c.title))
  );
}

function fitsList(choices: Choice[]): boolean {
  return (
    choices.length <= LIMITS.rows &&
    choices.every((c) => c.title.trim().length > 0 && c.title.length <= LIMITS.rowDescription && idFits(c.action, LIMITS.rowId)) &&
    unique(choices.map((c) => c.action))
  );
}

function rowOf(choice: Choice): ListRow {
  if (choice.title.length <= LIMITS.rowTitle) return { id: choice.action, title: choice.title };
  return { id: choice.action, title: shorten(choice.title, LIMITS.rowTitle), description: choice.title };
}

function textMessages(to: string, text: string, callbackData: string | undefined): TextMessage[] {
  if (text.trim().length === 0) return [];
  return split(text, LIMITS.textBody).map((body) => ({ ...envelope(to, callbackData), type: 'text', text: { body, preview_url: false } }));
}

function idFits(id: string, max: number): boolean {
  return id.length > 0 && id.length <= max;
}

function unique(values: string[]): boolean {
  return new Set(values).size === values.length;
}
