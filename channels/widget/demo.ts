/**
 * `GET /`: a small page that shows the widget at work and the one line an agency copies into
 * its own site. Spanish by default; `?lang=en` for English (the widget follows `<html lang>`).
 */
export type DemoLang = 'es' | 'en';

const TEXT = {
  es: {
    title: 'Faro: chat de información para personas refugiadas y migrantes',
    lead: 'Faro responde preguntas sobre regularización, salud, educación, protección social, vivienda, trabajo y protección con información verificada por las agencias, y te pone en contacto con una persona cuando lo necesitas.',
    try: 'Abre el chat con el botón «Chat de ayuda» abajo a la derecha.',
    embedTitle: 'Poner el chat en tu sitio web',
    embed: 'Copia esta línea antes de </body> en cualquier página:',
    optionsTitle: 'Opciones (atributos data-* o window.FaroWidget)',
    options: [
      ['data-lang', 'es o en; por defecto, el idioma de la página (<html lang>).'],
      ['data-title', 'el título del chat; por defecto «Faro».'],
      ['data-exit-url', 'adónde lleva «Salir rápido»; por defecto https://www.google.com.'],
      ['data-domain', 'el servidor Direct Line; por defecto, el servidor de este script.'],
    ],
    safety: '«Salir rápido» borra el chat del dispositivo y sale de la página: útil en teléfonos compartidos.',
    other: 'English version',
    otherHref: '?lang=en',
    otherLang: 'en',
  },
  en: {
    title: 'Faro: an information chat for refugees and migrants',
    lead: 'Faro answers questions on regularisation, health, education, social protection, housing, employment and protection with information verified by the agencies, and puts you in touch with a person when you need one.',
    try: 'Open the chat with the “Help chat” button at the bottom right.',
    embedTitle: 'Put the chat on your website',
    embed: 'Copy this line before </body> on any page:',
    optionsTitle: 'Options (data-* attributes or window.FaroWidget)',
    options: [
      ['data-lang', 'es or en; default: the page language (<html lang>).'],
      ['data-title', 'the chat title; default “Faro”.'],
      ['data-exit-url', 'where “Quick exit” goes; default https://www.google.com.'],
      ['data-domain', 'the Direct Line server; default: the server this script comes from.'],
    ],
    safety: '“Quick exit” clears the chat from the device and leaves the page: useful on shared phones.',
    other: 'Versión en español',
    otherHref: '?lang=es',
    otherLang: 'es',
  },
} as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** `origin` is the public server (`https://faro.example.org`) shown in the snippet. */
export function demoPage(lang: DemoLang, origin: string): string {
  const t = TEXT[lang];
  const snippet = `<script src="${origin}/widget.js" async></script>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title>
<style>
body { margin: 0; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f23; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 6rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
pre { padding: .75rem; background: #eef1f4; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .95em; }
a { color: #0b4f8a; }
</style>
</head>
<body>
<main>
<p><a href="${t.otherHref}" lang="${t.otherLang}" hreflang="${t.otherLang}">${esc(t.other)}</a></p>
<h1>${esc(t.title)}</h1>
<p>${esc(t.lead)}</p>
<p>${esc(t.try)}</p>
<p>${esc(t.safety)}</p>
<h2>${esc(t.embedTitle)}</h2>
<p>${esc(t.embed)}</p>
<pre><code>${esc(snippet)}</code></pre>
<h2>${esc(t.optionsTitle)}</h2>
<ul>
${t.options.map(([name, what]) => `<li><code>${esc(name)}</code>: ${esc(what)}</li>`).join('\n')}
</ul>
</main>
<script src="/widget.js" async></script>
</body>
</html>
`;
}
