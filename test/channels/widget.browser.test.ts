/**
 * The widget in headless Chromium against the real Faro stack (dialog, runtime, embedded store,
 * Direct Line over HTTP and WebSocket), embedded on an "agency" page served from another origin.
 * One browser for the file, a fresh context (profile, storage) per test.
 */
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createPersonLink } from '../../src/helpdesk/personLink.ts';
import { html, launchChromium, startPageServer, startWidgetFaro, type PageServer, type WidgetFaro } from './widgetHarness.ts';

const KEY = 'faro.widget.v1';
/** WIDGET_SHOTS=/tmp npx mocha … saves screenshots of the phone-sized tests there. */
const SHOTS = process.env.WIDGET_SHOTS;
const REF = /[3-9A-Y]{3}-[3-9A-Y]{3}/;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface StoredSession {
  conversationId: string;
  token: string;
}

describe('Web widget in Chromium', () => {
  let browser: Browser;
  let faro: WidgetFaro;
  let agency: PageServer;
  let context: BrowserContext | undefined;

  before(async () => {
    agency = await startPageServer();
    [browser, faro] = await Promise.all([launchChromium(), startWidgetFaro({ origins: [agency.url] })]);
    const embed = (attrs = '') => `<script src="${faro.url}/widget.js"${attrs} async></script>`;
    const content = '<main><h1>Agencia de ejemplo</h1><p>Información para personas migrantes en el Perú.</p></main>';
    agency.pages.set('/agency.html', html(content + embed(` data-exit-url="${agency.url}/salida.html"`)));
    agency.pages.set('/default-exit.html', html(content + embed()));
    agency.pages.set('/salida.html', html('<main><h1>Noticias</h1></main>'));
  });

  after(async () => {
    await browser?.close();
    await faro?.stop();
    await agency?.close();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function newPage(viewport = { width: 360, height: 640 }): Promise<Page> {
    context = await browser.newContext({ viewport });
    context.setDefaultTimeout(10_000);
    return context.newPage();
  }

  const launcher = (page: Page, name = 'Chat de ayuda') => page.getByRole('button', { name });
  const input = (page: Page, name = 'Escribe tu mensaje') => page.getByRole('textbox', { name });
  const options = (page: Page, name = 'Opciones') => page.getByRole('group', { name }).getByRole('button');
  const bot = (page: Page, text: string) => page.locator('.msg.bot', { hasText: text });
  /** "Hablar con una persona" and "Menú principal", outside the options' scrolling list. */
  const shortcuts = (page: Page) => page.locator('.keep button:visible');

  /** Waits until a bot message containing `text` is on screen. */
  const botSays = (page: Page, text: string) => bot(page, text).last().waitFor();

  async function say(page: Page, text: string): Promise<void> {
    await input(page).fill(text);
    await input(page).press('Enter');
  }

  async function stored(page: Page): Promise<StoredSession> {
    const raw = await page.evaluate((key) => sessionStorage.getItem(key), KEY);
    const session = (JSON.parse(raw ?? '{}') as { session?: StoredSession }).session;
    if (!session) throw new Error('no widget session in sessionStorage');
    return session;
  }

  /** The Direct Line transcript as the server holds it (steps live in channelData). */
  async function transcript(session: StoredSession) {
    const res = await fetch(`${faro.url}/v3/directline/conversations/${session.conversationId}/activities`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(res.status).to.equal(200);
    return ((await res.json()) as { activities: { id: string; text?: string; from: { role: string }; channelData?: { step?: string } }[] }).activities;
  }

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `widget-${name}.png`) });
  };

  /** Visible buttons whose whole text is a number ("1"): they would say nothing. */
  const bareNumbers = async (page: Page) => {
    const texts = await page.locator('button:visible').allTextContents();
    expect(texts, 'the widget has buttons on screen').to.include('Salir rápido');
    return texts.filter((t) => /^\s*\d+\s*$/.test(t));
  };

  const background = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);

  /** What has the keyboard focus, looking inside the widget's shadow root. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el) return '';
      return el.getAttribute('aria-label') ?? (el.tagName === 'TEXTAREA' ? 'textarea' : (el.textContent ?? '').trim());
    });

  it('holds the real Faro conversation at 360×640: consent, menu, FAQ answer, handoff, danger', async () => {
    const page = await newPage();
    await page.goto(`${agency.url}/agency.html`);
    await launcher(page).click();
    expect(await focused(page)).to.equal('textarea');
    await botSays(page, 'Antes de empezar');
    expect(await options(page).allTextContents()).to.deep.equal(['1. Acepto', '2. No acepto']);

    await options(page).filter({ hasText: 'Acepto' }).first().click();
    await botSays(page, '¿Sobre qué tema necesitas información?');
    expect(await page.locator('.msg.user').allTextContents()).to.deep.equal(['Tú: Acepto']);
    expect(await options(page).first().textContent()).to.equal('1. Regularización y documentos');

    // The open chat fills a 360 px screen and nothing scrolls sideways.
    const layout = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
    expect(layout.scrollWidth).to.be.at.most(layout.innerWidth);
    expect(await page.getByRole('dialog').boundingBox()).to.deep.equal({ x: 0, y: 0, width: 360, height: 640 });
    const box = await input(page).boundingBox();
    expect(box!.y + box!.height).to.be.at.most(640);

    await say(page, '2'); // typed number → the second option, Salud
    await botSays(page, 'Preguntas frecuentes sobre Salud');
    await options(page)
      .filter({ hasText: /^1\. \S/ })
      .click();
    await botSays(page, 'Fuente:');
    await botSays(page, '¿Te sirvió esta información?');

    await say(page, 'hablar con una persona');
    await botSays(page, 'Tu número de caso es');
    await say(page, 'me quiero matar');
    await botSays(page, '105 Policía Nacional');
    // Its two options are the shortcuts, below the (now empty) list.
    expect(await options(page).count()).to.equal(0);
    expect(await shortcuts(page).allTextContents()).to.deep.equal(['Hablar con una persona', 'Menú principal']);

    const session = await stored(page);
    const activities = await transcript(session);
    const steps = activities.filter((a) => a.from.role === 'bot').map((a) => a.channelData?.step);
    expect(steps).to.deep.equal(['consent', 'menu', 'menu', 'faq.questions', 'faq.answer', 'faq.answer', 'handoff.queued', 'safety']);
    // Every bot message is on screen exactly once.
    expect(await page.locator('.msg.bot').count()).to.equal(steps.length);
    const handoff = activities.find((a) => a.channelData?.step === 'handoff.queued')!;
    const ref = /[3-9A-Y]{3}-[3-9A-Y]{3}/.exec(handoff.text!)![0];
    expect(await faro.store.tickets.get(ref)).to.include({ status: 'open', reason: 'handoff', channel: 'webchat' });
  });

  it('works with the keyboard alone: launcher, focus order, Enter sends, Escape closes', async () => {
    const page = await newPage();
    await page.goto(`${agency.url}/agency.html`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('Chat de ayuda');
    await page.keyboard.press('Enter');
    expect(await focused(page)).to.equal('textarea');
    await botSays(page, 'Antes de empezar');

    const backwards: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Shift+Tab');
      backwards.push(await focused(page));
    }
    expect(backwards).to.deep.equal(['Hablar con una persona', '2. No acepto', '1. Acepto', 'Conversación', 'Cerrar el chat', 'Salir rápido', 'Switch to English']);
    for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('textarea');

    await page.keyboard.type('acepto');
    await page.keyboard.press('Enter');
    await botSays(page, '¿Sobre qué tema necesitas información?');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').isHidden()).to.equal(true);
    expect(await focused(page)).to.equal('Chat de ayuda');
  });

  it('reconnects after the stream drops and shows the messages missed meanwhile', async () => {
    const page = await newPage();
    await page.goto(`${agency.url}/agency.html`);
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');

    const refusedBefore = faro.streams.refused;
    faro.streams.dropAndBlock();
    await page.getByRole('status').filter({ hasText: 'Sin conexión' }).waitFor();
    // The message still goes out over HTTP; its turn runs and its replies wait on the server.
    const posted = page.waitForResponse((res) => res.url().endsWith('/activities') && res.request().method() === 'POST');
    await say(page, 'acepto');
    expect((await posted).status()).to.equal(200);
    await waitUntil(() => faro.streams.refused > refusedBefore);
    expect(await bot(page, '¿Sobre qué tema').count()).to.equal(0);

    faro.streams.unblock();
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await botSays(page, '¿Sobre qué tema necesitas información?');
    await page.locator('.status', { hasText: 'Sin conexión' }).waitFor({ state: 'detached' });
    expect(await bot(page, 'Antes de empezar').count()).to.equal(1);
    expect(await bot(page, '¿Sobre qué tema').count()).to.equal(1);
    expect(await page.locator('.msg.user').count()).to.equal(1);
  });

  it('shows each activity once when the stream repeats its frames', async () => {
    const page = await newPage();
    // Between page and server, every frame from the server is delivered twice.
    await page.routeWebSocket(/\/v3\/directline\/conversations\/[^/]+\/stream/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((frame) => {
        ws.send(frame);
        ws.send(frame);
      });
    });
    await page.goto(`${agency.url}/agency.html`);
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');
    await options(page).filter({ hasText: 'Acepto' }).first().click();
    await botSays(page, '¿Sobre qué tema necesitas información?');
    expect(await bot(page, 'Antes de empezar').count()).to.equal(1);
    expect(await bot(page, 'Gracias').count()).to.equal(1);
    expect(await bot(page, '¿Sobre qué tema').count()).to.equal(1);
    expect(await page.locator('.msg.user').count()).to.equal(1);
    expect(await options(page).count()).to.equal(9); // and "Hablar con una persona" below them
    expect(await shortcuts(page).allTextContents()).to.deep.equal(['Hablar con una persona']);
  });

  it('keeps the conversation across a reload, from the server, with no transcript in storage', async () => {
    const page = await newPage();
    await page.goto(`${agency.url}/agency.html`);
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');
    await options(page).filter({ hasText: 'Acepto' }).first().click();
    await botSays(page, '¿Sobre qué tema necesitas información?');
    const before = await stored(page);

    await page.reload();
    await botSays(page, '¿Sobre qué tema necesitas información?');
    expect(await page.getByRole('dialog').isVisible()).to.equal(true);
    expect(await bot(page, 'Antes de empezar').count()).to.equal(1);
    expect(await page.locator('.msg.user').allTextContents()).to.deep.equal(['Tú: Acepto']);
    expect((await stored(page)).conversationId).to.equal(before.conversationId);

    await options(page).filter({ hasText: 'Salud' }).click();
    await botSays(page, 'Preguntas frecuentes sobre Salud');
    const raw = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(raw).not.to.match(/Acepto|Salud|Antes de empezar/);
  });

  it('refreshes its token before it expires', async () => {
    const page = await newPage();
    await page.clock.install();
    await page.goto(`${agency.url}/agency.html`);
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');
    const before = await stored(page);

    const refreshed = page.waitForResponse((res) => res.url().endsWith('/v3/directline/tokens/refresh'));
    await page.clock.fastForward('26:00');
    expect((await refreshed).status()).to.equal(200);
    await page.waitForFunction(([key, old]) => (JSON.parse(sessionStorage.getItem(key!) ?? '{}') as { session?: { token?: string } }).session?.token !== old, [KEY, before.token]);
    await options(page).filter({ hasText: 'Acepto' }).first().click();
    await botSays(page, '¿Sobre qué tema necesitas información?');
  });

  it('quick exit clears the chat from the device, closes the stream and leaves without a way back', async () => {
    const page = await newPage();
    await page.goto(`${agency.url}/agency.html`);
    await page.evaluate(() => {
      sessionStorage.setItem('agency.pref', 'large-text');
      localStorage.setItem('agency.theme', 'dark');
    });
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');
    await options(page).filter({ hasText: 'Acepto' }).first().click();
    await botSays(page, '¿Sobre qué tema necesitas información?');
    const session = await stored(page);
    await waitUntil(() => faro.streams.open > 0);
    const historyBefore = await page.evaluate(() => history.length);

    await page.getByRole('button', { name: 'Salir rápido' }).click();
    await page.waitForURL(`${agency.url}/salida.html`);
    // Same origin, same tab: exactly the storage the widget used. Only the agency's own keys are left.
    const left = await page.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage }, history: history.length }));
    expect(left.session).to.deep.equal({ 'agency.pref': 'large-text' });
    expect(left.local).to.deep.equal({ 'agency.theme': 'dark' });
    expect(JSON.stringify(left)).not.to.include(session.conversationId).and.not.to.include(session.token);
    expect(left.history).to.equal(historyBefore); // location.replace: Back does not return to the chat
    await waitUntil(() => faro.streams.open === 0);
  });

  it('quick exit goes to a neutral site by default', async () => {
    const page = await newPage();
    await context!.route('https://www.google.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Google</title>' }));
    await page.goto(`${agency.url}/default-exit.html`);
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');
    await page.getByRole('button', { name: 'Salir rápido' }).click();
    await page.waitForURL('https://www.google.com/');
  });

  it('follows the page language and switches language on request (demo page in English)', async () => {
    const page = await newPage({ width: 1280, height: 800 });
    await page.goto(`${faro.url}/?lang=en`);
    await launcher(page, 'Help chat').click();
    await botSays(page, 'Before we start');
    expect(await options(page, 'Options').allTextContents()).to.deep.equal(['1. I accept', '2. I do not accept']);

    await page.getByRole('button', { name: 'Cambiar a español' }).click();
    await botSays(page, 'Antes de empezar');
    expect(await page.getByRole('button', { name: 'Salir rápido' }).isVisible()).to.equal(true);
    expect(await page.locator('.msg.user').allTextContents()).to.deep.equal(['Tú: Español']);
    await say(page, '1');
    await botSays(page, '¿Sobre qué tema necesitas información?');
  });

  it('keeps "Hablar con una persona" on screen at 360×740 and gives every button words', async () => {
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(`${agency.url}/agency.html`);
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');
    // Already at the consent notice (the bot then asks for consent first); no menu to go back to yet.
    expect(await shortcuts(page).allTextContents()).to.deep.equal(['Hablar con una persona']);
    await options(page).filter({ hasText: 'Acepto' }).first().click();
    await botSays(page, '¿Sobre qué tema necesitas información?');

    // The main menu: nine options in their scrolling list, the tenth ("human") below it, in view.
    const human = page.getByRole('button', { name: 'Hablar con una persona' });
    expect(await options(page).count()).to.equal(9);
    expect(await options(page).filter({ hasText: 'Hablar con una persona' }).count()).to.equal(0);
    expect(await options(page).last().textContent()).to.equal('9. Registrar mi caso');
    expect(await shortcuts(page).allTextContents()).to.deep.equal(['Hablar con una persona']);
    const box = (await human.boundingBox())!;
    expect(box.x).to.be.at.least(0);
    expect(box.y).to.be.at.least(0);
    expect(box.x + box.width).to.be.at.most(360);
    expect(box.y + box.height).to.be.at.most(740);
    // Nothing covers it: the widget's element under its centre is the button itself.
    const under = await page.evaluate(([x, y]) => document.querySelector('[data-faro-widget]')!.shadowRoot!.elementFromPoint(x!, y!)?.textContent, [box.x + box.width / 2, box.y + box.height / 2]);
    expect(under).to.equal('Hablar con una persona');
    expect(await bareNumbers(page)).to.deep.equal([]);
    await shot(page, 'menu');

    // FAQ questions are numbered in the message; their buttons say the question, number first.
    await options(page).filter({ hasText: 'Salud' }).click();
    await botSays(page, 'Preguntas frecuentes sobre Salud');
    const text = (await bot(page, 'Preguntas frecuentes sobre Salud').textContent())!;
    const questions = text.split('\n').filter((line) => /^\d+\. \S/.test(line));
    expect(questions.length).to.be.at.least(2);
    const buttons = await options(page).allTextContents();
    expect(buttons).to.deep.equal(questions);
    expect(buttons[0]).to.match(/^1\. \S{2,}/);
    expect(await shortcuts(page).allTextContents()).to.deep.equal(['Hablar con una persona', 'Menú principal']);
    expect(await bareNumbers(page)).to.deep.equal([]);
    expect((await human.boundingBox())!.y + (await human.boundingBox())!.height).to.be.at.most(740);
    await shot(page, 'faq');
    await say(page, '1'); // typing the number still picks the question
    await botSays(page, 'Fuente:');
    await botSays(page, '¿Te sirvió esta información?');
    expect(await options(page).allTextContents()).to.deep.equal(['1. Sí', '2. No']);

    await human.click();
    await botSays(page, 'Tu número de caso es');
    expect(await page.locator('.msg.user').last().textContent()).to.equal('Tú: Hablar con una persona');

    // The case reference never breaks at its hyphen, whatever the width puts it at a line's end.
    const message = bot(page, 'Tu número de caso es').last();
    const ref = REF.exec((await message.textContent())!)![0];
    expect(await message.locator('.ref').allTextContents()).to.deep.equal([ref]);
    const broken: number[] = [];
    for (let width = 280; width <= 480; width += 2) {
      await page.setViewportSize({ width, height: 740 });
      const lines = await message.locator('.ref').evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size);
      if (lines !== 1) broken.push(width);
    }
    expect(broken, 'widths where the reference wrapped').to.deep.equal([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await shot(page, 'reference');
  });

  it('shows an operator as the support team, hides the shortcuts while they talk, then asks 1–5', async () => {
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(`${agency.url}/agency.html`);
    await launcher(page).click();
    await botSays(page, 'Antes de empezar');
    await options(page).filter({ hasText: 'Acepto' }).first().click();
    await botSays(page, '¿Sobre qué tema necesitas información?');
    await say(page, 'quiero hablar con una persona');
    await botSays(page, 'Tu número de caso es');
    const ref = REF.exec((await bot(page, 'Tu número de caso es').last().textContent())!)![0];
    const ticket = (await faro.store.tickets.get(ref))!;
    const link = createPersonLink(faro.runtime);

    await link.ticketChanged(ticket, 'claimed');
    await botSays(page, 'Ahora estás hablando con una persona del equipo');
    // The bot offers nothing while a person talks: no shortcut either (a tap on "menu" would end it).
    expect(await shortcuts(page).count()).to.equal(0);
    expect(await options(page).count()).to.equal(0);

    await link.say(ticket, 'Hola, soy Ana. ¿En qué te puedo ayudar?', 'staff-ana');
    const staff = page.locator('.msg.staff');
    await staff.waitFor();
    expect(await staff.locator('.who').textContent()).to.equal('Equipo de atención');
    expect(await staff.locator('.who').isVisible()).to.equal(true);
    // What a screen reader reads: who, then what.
    expect(await staff.textContent()).to.equal('Equipo de atención: Hola, soy Ana. ¿En qué te puedo ayudar?');
    const faroSays = bot(page, 'Ahora estás hablando');
    expect(await faroSays.textContent()).to.match(/^Faro: /);
    expect(await faroSays.locator('.who').count()).to.equal(0);
    expect(await background(staff)).not.to.equal(await background(faroSays));
    await shot(page, 'operator');

    await say(page, 'Necesito un albergue para esta noche');
    await page.locator('.msg.user', { hasText: 'albergue' }).waitFor();
    await link.ticketChanged(ticket, 'closed');
    await botSays(page, '¿Cómo te atendimos?');

    // A 1–5 scale in one row, ends labelled, and "Ahora no" apart from it.
    const scale = page.locator('.scale button');
    expect(await scale.allTextContents()).to.deep.equal(['1 de 5, Muy mal', '2 de 5', '3 de 5', '4 de 5', '5 de 5, Muy bien']);
    const boxes = await Promise.all([0, 1, 2, 3, 4].map(async (i) => (await scale.nth(i).boundingBox())!));
    for (const [i, b] of boxes.entries()) {
      expect(b.y, `button ${i + 1} in the row`).to.equal(boxes[0]!.y);
      if (i > 0) expect(b.x).to.be.greaterThan(boxes[i - 1]!.x + boxes[i - 1]!.width);
      expect(b.x + b.width).to.be.at.most(360);
      expect(b.y + b.height).to.be.at.most(740);
    }
    const ends = page.locator('.scale > span');
    expect(await ends.allTextContents()).to.deep.equal(['Muy mal', 'Muy bien']);
    const [low, high] = [(await ends.first().boundingBox())!, (await ends.last().boundingBox())!];
    expect(low.y).to.be.at.least(boxes[0]!.y + boxes[0]!.height);
    expect(Math.abs(low.x - boxes[0]!.x)).to.be.below(2);
    expect(Math.abs(high.x + high.width - (boxes[4]!.x + boxes[4]!.width))).to.be.below(2);
    const skip = options(page).filter({ hasText: 'Ahora no' });
    expect(await skip.textContent()).to.equal('Ahora no');
    expect((await skip.boundingBox())!.y).to.be.at.least(low.y + low.height);
    expect(await bareNumbers(page)).to.deep.equal([]);
    expect(await shortcuts(page).allTextContents()).to.deep.equal(['Hablar con una persona', 'Menú principal']);
    await page.addScriptTag({ path: AXE });
    expect(await seriousViolations(page), 'operator message and scale').to.deep.equal([]);
    await shot(page, 'feedback');

    // The labels follow the widget's language, the operator's too.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await botSays(page, 'How did we do?');
    expect(await staff.locator('.who').textContent()).to.equal('Support team');
    expect(await ends.allTextContents()).to.deep.equal(['Very bad', 'Very good']);
    expect(await options(page, 'Options').filter({ hasText: 'Not now' }).count()).to.equal(1);
    expect(await shortcuts(page).allTextContents()).to.deep.equal(['Talk to a person', 'Main menu']);
    await page.getByRole('button', { name: '5 out of 5, Very good' }).click();
    await botSays(page, 'Would you like to tell us anything else');
    expect(await page.locator('.msg.user').last().textContent()).to.equal('You: 5 😊');
  });

  it('has no serious or critical accessibility violations (axe-core), closed and open, wide and 360 px', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 360, height: 640 },
    ]) {
      const page = await newPage(viewport);
      await page.goto(`${faro.url}/`);
      await launcher(page).waitFor();
      await page.addScriptTag({ path: AXE });
      expect(await seriousViolations(page), `closed at ${viewport.width}px`).to.deep.equal([]);
      await launcher(page).click();
      await botSays(page, 'Antes de empezar');
      expect(await seriousViolations(page), `open at ${viewport.width}px`).to.deep.equal([]);
      await context!.close();
      context = undefined;
    }
  });
});

declare const axe: { run(context: Document): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown }[] }[] }> };

async function seriousViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { violations } = await axe.run(document);
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** Polls a server-side condition (no browser event to await for it). */
async function waitUntil(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
