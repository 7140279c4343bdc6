/**
 * The operator console in headless Chromium against the whole of Faro (`startFaro`, embedded
 * store in a temp dir): a person chats in the web widget on the demo page while an operator
 * works the ticket in the console at 360×640, both live. Also: people's text stays text,
 * a second operator losing a claim race is told so, and axe-core finds nothing serious.
 * One browser for the file; a fresh context (cookies, storage) per person and per operator.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFaro, type RunningFaro } from '../../bots/faro/faro.ts';
import { loadConfig } from '../../src/config.ts';
import { launchChromium } from '../channels/widgetHarness.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ADMIN = { email: 'admin@example.org', password: 'admin-password-123' };
const PASSWORD = 'operator-password-123';
const REF = /[3-9A-Y]{3}-[3-9A-Y]{3}/;

declare global {
  interface Window {
    __pwned?: unknown;
  }
}
declare const axe: { run(context: Document): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown }[] }[] }> };

describe('Operator console in Chromium', () => {
  let browser: Browser;
  let faro: RunningFaro;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'faro-console-'));
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        PSEA_FOCAL_EMAIL: 'pia@example.org',
        PSEA_FOCAL_PASSWORD: PASSWORD,
        OPENING_SCHEDULE: 'always',
      },
      '',
    );
    [browser, faro] = await Promise.all([launchChromium(), startFaro(config)]);
    // The focal point comes from the settings: an admin cannot create one.
    const admin = await bearer(ADMIN.email, ADMIN.password);
    for (const [email, roles] of [
      ['rosa@example.org', ['operator']],
      ['luis@example.org', ['operator']],
      ['sara@example.org', ['supervisor']],
    ] as const) {
      const res = await api('POST', '/api/users', admin, { email, password: PASSWORD, roles });
      expect(res.status, await res.clone().text()).to.equal(201);
    }
  });

  after(async () => {
    await browser?.close();
    await faro?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  // --- helpers -------------------------------------------------------------------------------

  function api(method: string, path: string, token: string, body?: unknown): Promise<Response> {
    return fetch(`${faro.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  }

  async function bearer(email: string, password = PASSWORD): Promise<string> {
    const res = await fetch(`${faro.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(res.status).to.equal(200);
    return ((await res.json()) as { token: string }).token;
  }

  async function newPage(locale = 'es-PE'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale });
    context.setDefaultTimeout(8_000);
    contexts.push(context);
    return context.newPage();
  }

  /** A staff member's console, logged in through the form, showing `heading`. */
  async function consoleFor(email: string, locale = 'es-PE', heading?: string): Promise<Page> {
    const page = await newPage(locale);
    await page.goto(`${faro.url}/console`);
    const es = locale.startsWith('es');
    await page.getByLabel(es ? 'Correo electrónico' : 'Email').fill(email);
    await page.getByLabel(es ? 'Contraseña' : 'Password').fill(PASSWORD);
    await page.getByRole('button', { name: es ? 'Entrar' : 'Log in' }).click();
    await page.getByRole('heading', { name: heading ?? (es ? 'Fila de casos' : 'Queue') }).waitFor();
    return page;
  }

  /** A person on Direct Line (no browser) sending `messages`; their conversation. */
  async function personSays(messages: object[], conversation?: { conversationId: string; token: string }): Promise<{ conversationId: string; token: string }> {
    const { conversationId, token } = conversation ?? ((await (await fetch(`${faro.url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string });
    for (const message of messages) {
      const res = await fetch(`${faro.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: 'dl_person' }, ...message }),
      });
      expect(res.status).to.equal(200);
    }
    return { conversationId, token };
  }

  /** What the bot sent the person so far on Direct Line. */
  async function personReceived({ conversationId, token }: { conversationId: string; token: string }): Promise<string[]> {
    const res = await fetch(`${faro.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    const { activities } = (await res.json()) as { activities: { from: { role?: string }; text?: string }[] };
    return activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
  }

  /** A person who asked for someone over Direct Line (no browser): their ticket's ref. */
  async function personWaiting(): Promise<string> {
    const { conversationId } = await personSays([{ value: { action: 'lang:es' } }, { text: 'acepto' }, { text: 'quiero hablar con una persona' }]);
    for (let i = 0; i < 100; i += 1) {
      const ticket = (await faro.store.tickets.list({ status: 'open' })).find((t) => t.contactKey.includes(conversationId));
      if (ticket) return ticket.ref;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no ticket opened for the person');
  }

  const widgetSays = (page: Page, text: string | RegExp) => page.locator('.msg.bot', { hasText: text }).last().waitFor();
  const queueItem = (page: Page, ref: string) => page.locator(`.ticket-item[data-ref="${ref}"]`);
  const transcriptLine = (page: Page, from: 'person' | 'bot' | 'operator', text: string) => page.locator(`.transcript .line.from-${from}`, { hasText: text });

  async function say(page: Page, text: string): Promise<void> {
    const input = page.getByRole('textbox', { name: 'Escribe tu mensaje' });
    await input.fill(text);
    await input.press('Enter');
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses an injected <script>.
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const { violations } = await page.evaluate(() => axe.run(document));
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }

  // --- tests ---------------------------------------------------------------------------------

  it('takes a person from the widget to the satisfaction question: live queue, claim, both ways, note, canned response, referral, close', async () => {
    const supervisor = await bearer('sara@example.org');
    const canned = await api('POST', '/api/canned-responses', supervisor, { lang: 'es', title: 'Saludo', text: 'Hola, soy Rosa del equipo de Faro.' });
    expect(canned.status, 'canned responses API').to.equal(201);

    const person = await newPage();
    await person.goto(`${faro.url}/`);
    await person.getByRole('button', { name: 'Chat de ayuda' }).click();
    await widgetSays(person, 'Antes de empezar');
    await person.getByRole('group', { name: 'Opciones' }).getByRole('button').filter({ hasText: 'Acepto' }).first().click();
    await widgetSays(person, '¿Sobre qué tema necesitas información?');

    const rosa = await consoleFor('rosa@example.org');
    await rosa.getByText('No hay casos aquí.').waitFor();

    // The ticket appears in the console without a reload (the periodic refresh is a minute).
    await say(person, 'quiero hablar con una persona');
    await widgetSays(person, 'Tu número de caso es');
    const ref = REF.exec((await person.locator('.msg.bot', { hasText: 'Tu número de caso es' }).last().textContent()) ?? '')![0];
    await queueItem(rosa, ref).click();
    await rosa.getByRole('heading', { name: `Caso ${ref}` }).waitFor();
    // The heading shows at once; the focus moves to it once the ticket has loaded (its transcript).
    await transcriptLine(rosa, 'person', 'quiero hablar con una persona').waitFor();
    expect(await rosa.evaluate(() => document.activeElement?.id)).to.equal('ticket-heading');

    await rosa.getByRole('button', { name: 'Tomar el caso' }).click();
    await widgetSays(person, 'Ahora estás hablando con una persona del equipo');
    const composer = rosa.getByLabel('Mensaje para la persona');
    await composer.waitFor();

    // The person writes: it shows in the console live, as text, markup and all.
    const attacks = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=2</script>'];
    await say(person, 'Necesito renovar mi carnet');
    for (const attack of attacks) await say(person, attack);
    await transcriptLine(rosa, 'person', 'Necesito renovar mi carnet').waitFor();
    for (const attack of attacks) await transcriptLine(rosa, 'person', attack).waitFor();
    expect(await rosa.locator('.transcript img, .transcript script').count()).to.equal(0);

    // A canned response is inserted for editing, then sent.
    await rosa.getByLabel('Respuesta predefinida').selectOption({ label: 'Saludo' });
    await rosa.getByRole('button', { name: 'Insertar' }).click();
    expect(await composer.inputValue()).to.equal('Hola, soy Rosa del equipo de Faro.');
    expect(await rosa.evaluate(() => document.activeElement?.tagName)).to.equal('TEXTAREA');
    await composer.press('End');
    await composer.pressSequentially(' ¿Qué documento tienes?');
    await rosa.getByRole('button', { name: 'Enviar' }).click();
    await widgetSays(person, 'Hola, soy Rosa del equipo de Faro. ¿Qué documento tienes?');
    await transcriptLine(rosa, 'operator', '¿Qué documento tienes?').waitFor();
    expect(await composer.inputValue()).to.equal('');
    expect(await transcriptLine(rosa, 'operator', '¿Qué documento tienes?').count()).to.equal(1);

    await say(person, 'Un carnet vencido');
    await transcriptLine(rosa, 'person', 'Un carnet vencido').waitFor();

    await rosa.getByLabel('Nueva nota').fill('Carnet vencido en 2024 <b>urgente</b>');
    await rosa.getByRole('button', { name: 'Agregar nota' }).click();
    await rosa.locator('.notes li', { hasText: 'Carnet vencido en 2024 <b>urgente</b>' }).waitFor();

    await rosa.getByLabel('Organización', { exact: true }).selectOption('acnur');
    await rosa.getByRole('button', { name: 'Derivar', exact: true }).click();
    await rosa.locator('.referrals li', { hasText: 'Enviada' }).waitFor();
    await widgetSays(person, 'Te hemos derivado a');
    await rosa.locator('.referrals li').getByRole('combobox').selectOption('accepted');
    await rosa.locator('.referrals li').getByRole('button', { name: 'Actualizar' }).click();
    await rosa.locator('.referrals li', { hasText: 'Aceptada' }).waitFor();
    await widgetSays(person, 'aceptó atender tu caso');

    await rosa.getByLabel('Resultado').selectOption('referred');
    await rosa.getByRole('button', { name: 'Cerrar caso' }).click();
    await rosa.locator('.facts', { hasText: 'Cerrado' }).waitFor();
    await widgetSays(person, '¿Cómo te atendimos?');
    expect(await rosa.evaluate(() => document.activeElement?.id)).to.equal('ticket-heading');

    expect(await rosa.evaluate(() => window.__pwned)).to.equal(undefined);
    expect(await person.evaluate(() => window.__pwned)).to.equal(undefined);
    const stored = await faro.store.tickets.get(ref);
    expect(stored).to.include({ status: 'closed', outcome: 'referred' });
    // No horizontal scrolling at 360 px.
    expect(await rosa.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
    await rosa.screenshot({ path: join(tmpdir(), 'faro-console-ticket.png'), fullPage: true });
  });

  it('alerts the PSEA focal point live when a report is filed, and shows operators nothing of it', async () => {
    const pia = await consoleFor('pia@example.org', 'es-PE', 'Reportes confidenciales (PEAS)');
    const rosa = await consoleFor('rosa@example.org');
    await personSays([
      { value: { action: 'lang:es' } },
      { text: 'el voluntario me pidió fotos íntimas a cambio de la canasta' },
      { value: { action: 'psea:report' } },
      { value: { action: 'psea:contact:anonymous' } },
      { text: 'Fue en el albergue de Tumbes' },
    ]);
    await pia.getByRole('alert').filter({ hasText: 'Se presentó un reporte confidencial.' }).waitFor();
    const [report] = await faro.store.pseaReports.list();
    await pia.getByText(report!.code).waitFor();
    // The operator's console, live on the same stream, shows nothing of it.
    await rosa.getByRole('button', { name: 'Actualizar' }).first().click();
    const seen = await rosa.locator('body').innerText();
    for (const trace of [report!.code, 'confidencial', 'PEAS', 'Tumbes', 'fotos']) expect(seen, trace).not.to.contain(trace);
    expect(await pia.locator('body').innerText()).not.to.contain('Tumbes');
  });

  it('lets the PSEA focal point read a report as text and move it on with the keyboard; no serious axe violations', async () => {
    const pia = await consoleFor('pia@example.org', 'es-PE', 'Reportes confidenciales (PEAS)');
    const words = 'Pasó en el comedor.\nNo quiero que me identifiquen. <img src=x onerror=window.__pwned=1>';
    const person = await personSays([
      { value: { action: 'lang:es' } },
      { text: 'el voluntario me pidió fotos íntimas a cambio de la canasta' },
      { value: { action: 'psea:report' } },
      { value: { action: 'psea:contact:this_chat' } },
      { text: words },
    ]);
    await pia.getByRole('alert').filter({ hasText: 'Se presentó un reporte confidencial.' }).waitFor();
    const report = (await faro.store.pseaReports.list()).find((r) => r.text === words);
    expect(report, 'the report as filed').to.include({ contact: 'this_chat', status: 'open' });
    const code = report!.code;

    // The list: code, status, date, contact preference and language, never the words.
    const item = pia.locator(`.report-item[data-code="${code}"]`);
    await item.filter({ hasText: 'Abierto' }).filter({ hasText: 'Responder por este chat · Español' }).waitFor();
    expect(await pia.locator('.reports').innerText()).not.to.contain('comedor');

    // Opened with the keyboard: the focus goes to the report's heading; the words are text.
    await item.focus();
    await pia.keyboard.press('Enter');
    await pia.getByRole('heading', { name: `Reporte ${code}` }).waitFor();
    await pia.locator('.words').waitFor();
    expect(await pia.evaluate(() => document.activeElement?.id)).to.equal('psea-report-heading');
    expect(await pia.locator('.words').evaluate((p) => p.textContent)).to.equal(words);
    expect(await pia.locator('.psea img').count()).to.equal(0);
    const facts = await pia.locator('.psea-report .facts').innerText();
    for (const fact of ['Responder por este chat', report!.channel!, 'Español']) expect(facts).to.contain(fact);
    expect(await seriousViolations(pia)).to.deep.equal([]);

    // The person asked to be contacted here: the focal point writes, the person reads and answers.
    await pia.getByLabel('Mensaje para la persona').fill('Hola, soy Pía, punto focal. ¿Estás a salvo ahora?');
    await pia.getByRole('button', { name: 'Enviar' }).click();
    await pia.locator('.followup').filter({ hasText: '¿Estás a salvo ahora?' }).waitFor();
    for (let i = 0; i < 100 && !(await personReceived(person)).some((text) => text.includes('¿Estás a salvo ahora?')); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await personReceived(person)).join('\n')).to.include('Hola, soy Pía, punto focal.');
    await personSays([{ text: 'Sí, estoy con mi hermana.' }], person);
    await pia.locator('[data-key="psea-refresh"]').click();
    await pia.locator('.followup').filter({ hasText: 'Sí, estoy con mi hermana.' }).waitFor();
    expect(await pia.locator('.followup img').count()).to.equal(0);

    // A refusal shows the server's message; the report stays as it was.
    await pia.route(
      `**/api/psea-reports/${code}/status`,
      (route) => route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NotFound', message: 'No such report.' } }) }),
      { times: 1 },
    );
    const move = pia.locator('[data-key="psea-status"]');
    await move.press('Enter');
    await pia.locator('.psea-report').getByRole('alert').filter({ hasText: 'No such report.' }).waitFor();
    expect((await faro.store.pseaReports.get(code))?.status).to.equal('open');

    // In progress, then closed: the focus stays on the one status button.
    await pia.getByRole('button', { name: 'Marcar en curso' }).press('Enter');
    await pia
      .getByRole('status')
      .filter({ hasText: `Reporte ${code}: En curso.` })
      .waitFor();
    expect((await faro.store.pseaReports.get(code))?.status).to.equal('in_progress');
    await pia.getByRole('button', { name: 'Cerrar el reporte' }).press('Enter');
    await pia.locator('.steps [aria-current="step"]', { hasText: 'Cerrado' }).waitFor();
    await item.filter({ hasText: 'Cerrado' }).waitFor();
    expect((await faro.store.pseaReports.get(code))?.status).to.equal('closed');
    expect(await pia.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).to.equal('psea-status');
    await pia.screenshot({ path: join(tmpdir(), 'faro-console-psea.png'), fullPage: true });

    // The status filter; then back to the list, on the report just read.
    await pia.getByRole('button', { name: 'Abierto', exact: true }).click();
    await item.waitFor({ state: 'detached' });
    await pia.getByRole('button', { name: 'Cerrado', exact: true }).click();
    await item.waitFor();
    await pia.getByRole('button', { name: 'Volver a la lista' }).click();
    expect(await pia.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.code)).to.equal(code);
    expect(await pia.evaluate(() => window.__pwned)).to.equal(undefined);
    expect(await pia.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
  });

  it('tells a second operator who clicks Claim too late that someone else has the ticket', async () => {
    const ref = await personWaiting();
    const rosa = await consoleFor('rosa@example.org');
    const luis = await newPage();
    // Luis's live stream is cut, as on a bad connection: his view still offers Claim.
    await luis.context().route('**/api/events', (route) => route.abort());
    await luis.goto(`${faro.url}/console#${ref}`);
    await luis.getByLabel('Correo electrónico').fill('luis@example.org');
    await luis.getByLabel('Contraseña').fill(PASSWORD);
    await luis.getByRole('button', { name: 'Entrar' }).click();
    await luis.getByRole('button', { name: 'Tomar el caso' }).waitFor();

    await queueItem(rosa, ref).click();
    await rosa.getByRole('button', { name: 'Tomar el caso' }).click();
    await rosa.getByLabel('Mensaje para la persona').waitFor();

    await luis.getByRole('button', { name: 'Tomar el caso' }).click();
    await luis.getByRole('alert').filter({ hasText: 'Another staff member has claimed this ticket.' }).waitFor();
    await luis.getByText('Otra persona del equipo atiende este caso.').waitFor();
    expect(await luis.getByLabel('Mensaje para la persona').count()).to.equal(0);
  });

  it('works with the keyboard alone and has no serious or critical axe violations on the login and ticket views (English, 360 px)', async () => {
    const ref = await personWaiting();
    const page = await newPage('en-GB');
    await page.goto(`${faro.url}/console`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await seriousViolations(page)).to.deep.equal([]);

    // Keyboard only, with a visible focus ring: skip link, language, email, password, Enter.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '', tag: el.tagName, outline: getComputedStyle(el).outlineStyle };
      });
    await page.keyboard.press('Tab');
    expect(await focused()).to.deep.include({ name: 'Skip to content', tag: 'A' });
    await page.keyboard.press('Tab');
    expect(await focused()).to.deep.include({ name: 'Español', outline: 'solid' });
    await page.keyboard.press('Tab');
    await page.keyboard.type('sara@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await queueItem(page, ref).waitFor();
    await queueItem(page, ref).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Claim ticket' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('ticket-heading');
    await page.getByRole('button', { name: 'Claim ticket' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Message to the person').waitFor();
    await page.getByLabel('Canned response', { exact: true }).waitFor();
    await page.locator('.referral-form').waitFor();
    expect(await seriousViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: join(tmpdir(), 'faro-console-en.png'), fullPage: true });

    // Switching the language keeps the ticket and the focus on the switch.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: `Caso ${ref}` }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).to.equal('lang-toggle');
    expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('faro.console.lang')])).to.deep.equal(['es', 'es']);
  });
});
