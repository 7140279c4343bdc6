/**
 * Microsoft's own Web Chat (botframework-webchat 4.18.1, its full `dist/webchat.js` bundle) on
 * a page from ANOTHER origin talks to Faro's Direct Line unchanged. Faro here is the real
 * composition root (`startFaro`), configured like production with WEBCHAT_ORIGINS listing that
 * page's origin; a page from an origin not listed is refused by the browser.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { startFaro, type RunningFaro } from '../../bots/faro/faro.ts';
import { loadConfig } from '../../src/config.ts';
import { html, launchChromium, startPageServer, type PageServer } from './widgetHarness.ts';

/** The package exports no file paths, so the bundle is read from where npm installs it. */
const WEBCHAT_JS = fileURLToPath(new URL('../../node_modules/botframework-webchat/dist/webchat.js', import.meta.url));

/** Gets a token from Faro (cross-origin fetch), then renders Web Chat with it. */
const webChatPage = (faroUrl: string) =>
  html(`<main style="height:600px"><h1>Agencia con Web Chat</h1><div id="webchat" style="height:520px"></div></main>
<script src="/webchat.js"></script>
<script>
  fetch(${JSON.stringify(`${faroUrl}/v3/directline/tokens/generate`)}, { method: 'POST' })
    .then((res) => res.json())
    .then(({ token }) => {
      window.WebChat.renderWebChat({ directLine: window.WebChat.createDirectLine({ domain: ${JSON.stringify(`${faroUrl}/v3/directline`)}, token }), locale: 'es-ES' }, document.getElementById('webchat'));
    })
    .catch((err) => { document.title = 'refused: ' + err.name; });
</script>`);

describe('Microsoft Web Chat from another origin against Faro', () => {
  let browser: Browser;
  let faro: RunningFaro;
  let allowed: PageServer;
  let other: PageServer;
  let dataDir: string;
  let context: BrowserContext | undefined;

  before(async () => {
    [allowed, other] = await Promise.all([startPageServer(), startPageServer()]);
    dataDir = mkdtempSync(join(tmpdir(), 'faro-webchat-'));
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEBCHAT_ORIGINS: allowed.url }, '');
    [browser, faro] = await Promise.all([launchChromium(), startFaro(config)]);
    const webChatJs = readFileSync(WEBCHAT_JS);
    for (const site of [allowed, other]) {
      site.pages.set('/webchat.js', { type: 'text/javascript; charset=utf-8', body: webChatJs });
      site.pages.set('/index.html', webChatPage(faro.url));
    }
  });

  after(async () => {
    await browser?.close();
    await faro?.stop();
    await Promise.all([allowed?.close(), other?.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('says hola, gets the language question with buttons, clicks one and gets the next step', async () => {
    context = await browser.newContext({ viewport: { width: 800, height: 700 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${allowed.url}/index.html`);
    const box = page.getByRole('textbox').first();
    await box.fill('hola');
    await box.press('Enter');
    await page.locator('p', { hasText: '¿En qué idioma prefieres continuar?' }).first().waitFor();
    // Suggested actions render as buttons in Web Chat's "suggested actions" toolbar.
    const suggested = page.getByRole('toolbar').getByRole('button');
    const espanol = suggested.filter({ hasText: 'Español' });
    await espanol.waitFor();
    expect(await suggested.allTextContents()).to.deep.equal(['Español', 'English', 'Português', 'Kreyòl ayisyen']);
    await espanol.click();
    await page.locator('p', { hasText: 'Antes de empezar, lee este aviso' }).first().waitFor();
    await suggested.filter({ hasText: /^Acepto$/ }).waitFor();
    // Web Chat showed the person's message as sent (the echo came back with its clientActivityID).
    expect(await page.getByText('hola', { exact: true }).count()).to.be.greaterThan(0);
    expect(await page.getByText(/Send failed|No se pudo enviar/i).count()).to.equal(0);
  });

  it('is refused by the browser on a page whose origin is not in WEBCHAT_ORIGINS', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${other.url}/index.html`);
    await page.waitForFunction(() => document.title.startsWith('refused'));
    expect(await page.title()).to.equal('refused: TypeError');
  });
});
