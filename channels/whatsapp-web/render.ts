import type { Reply } from '../../src/core/message.ts';
import { withNumberedMenu } from '../kit/text.ts';

/**
 * A reply as WhatsApp text. Buttons and lists are deprecated in whatsapp-web.js, so choices
 * become a numbered menu under the text, and the person types the number (the runtime maps
 * "2" to the second choice, as it maps a title or free text):
 *
 *   ¿Sobre qué tema necesitas información?
 *
 *   1. Regularización y documentos
 *   2. Salud
 *   …
 *
 * A choice whose title is its own number (the FAQ questions, which the text already lists as
 * "1. …", "2. …") is not repeated; the others keep their position, so numbers stay right.
 */
export function renderText(reply: Reply): string {
  return withNumberedMenu(reply.text, reply.choices);
}
