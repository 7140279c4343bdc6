import type { Reply } from '../../src/core/message.ts';

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
  const lines = reply.choices.flatMap((choice, i) => {
    const n = String(i + 1);
    const title = choice.title.trim();
    return title === n ? [] : [`${n}. ${title}`.trimEnd()];
  });
  return lines.length === 0 ? reply.text : `${reply.text}\n\n${lines.join('\n')}`;
}
