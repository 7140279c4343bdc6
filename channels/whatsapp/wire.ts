/**
 * The bodies this channel POSTs to `<apiRoot>/<phoneNumberId>/messages` (WhatsApp Cloud API).
 * Sample (reply buttons):
 *
 *   { "messaging_product": "whatsapp", "recipient_type": "individual", "to": "51987654321",
 *     "biz_opaque_callback_data": "k3J9…#4", "type": "interactive",
 *     "interactive": { "type": "button", "body": { "text": "¿Aceptas?" },
 *       "action": { "buttons": [ { "type": "reply", "reply": { "id": "consent:accept", "title": "Acepto" } } ] } } }
 *
 * `biz_opaque_callback_data` comes back on this message's status webhooks, so a delivery
 * failure can be logged against our reply (a pseudonymous ref and seq, never the number).
 */
interface Envelope {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  biz_opaque_callback_data?: string;
}

export interface TextMessage extends Envelope {
  type: 'text';
  text: { body: string; preview_url: boolean };
}

export interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface ButtonsMessage extends Envelope {
  type: 'interactive';
  interactive: { type: 'button'; body: { text: string }; action: { buttons: ReplyButton[] } };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export interface ListMessage extends Envelope {
  type: 'interactive';
  interactive: { type: 'list'; body: { text: string }; action: { button: string; sections: { rows: ListRow[] }[] } };
}

export interface TemplateMessage extends Envelope {
  type: 'template';
  template: { name: string; language: { code: string } };
}

export type GraphMessage = TextMessage | ButtonsMessage | ListMessage | TemplateMessage;

export function envelope(to: string, callbackData?: string): Envelope {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    ...(callbackData !== undefined ? { biz_opaque_callback_data: callbackData } : {}),
  };
}
