/**
 * What must not stay on disk, checked in the embedded store's files (nedb appends every
 * version of a document and would otherwise keep old lines until a rewrite weeks later):
 * - consent withdrawn: nothing of the person, at once, not only gone from query results;
 * - an anonymous PSEA report: its follow-up code is never stored beside the person's identity.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log/logger.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { faroDialog } from '../support/dialog.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

describe('consent withdrawal on the embedded store', () => {
  let dir: string;
  let store: Store;
  let runtime: TurnRuntime;
  let n = 0;
  const say = (text: string, conversationId = 'kim') => runtime.handle({ channel: 'test', conversationId, messageId: `m${++n}`, text });
  const file = (name: string) => readFileSync(join(dir, name), 'utf8');
  const onDisk = () =>
    readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faro-erase-'));
    store = await createEmbeddedStore({ dir });
    runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log: createLogger('silent'), ticketRef });
    runtime.register('test', { deliver: async () => undefined });
  });
  after(async () => {
    await runtime.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves nothing of the person in any data file', async () => {
    for (const text of [
      'hola',
      'es',
      'acepto',
      'quiero poner una queja',
      'Presentar una queja',
      'Zoraida Quintero me gritó en el comedor',
      'quiero hablar con una persona',
      'vivo en Carabayllo con Yeferson',
    ])
      await say(text);
    const ticket = (await store.tickets.list())[0]!;
    await store.tickets.addNote(ticket.ref, { staffId: 'op', text: 'Llamar a Yeferson', at: Date.now() });
    await store.contacts.saveIntake('test:kim', { nationality: 'Wayuu-Zulia' }, Date.now());
    for (const secret of ['Zoraida', 'Yeferson', 'Wayuu-Zulia']) expect(onDisk(), secret).to.contain(secret);

    await say('borrar mis datos');
    await say('si');
    for (const secret of ['Zoraida', 'Yeferson', 'Wayuu-Zulia', 'Carabayllo']) expect(onDisk(), secret).not.to.contain(secret);
    expect(await store.tickets.list()).to.deep.equal([]);
    expect(await store.transcripts.list('test:kim')).to.deep.equal([]);
  });

  it("keeps an anonymous report's follow-up code away from the person's conversation on disk", async () => {
    for (const text of ['hola', 'es', 'acepto', 'el voluntario me pidió fotos íntimas por la canasta', 'Reportar de forma confidencial', 'Anónimo, sin contacto']) await say(text, 'lia');
    const filed = await say('fue en el comedor de Villa El Salvador', 'lia');
    const [report] = await store.pseaReports.list();
    expect(filed.outbound.map((m) => m.reply.text).join(' ')).to.contain(report!.code);
    expect(file('conversations.db')).not.to.contain(report!.code);
    expect(file('psea-reports.db')).to.contain(report!.code).and.not.to.contain('lia');
    for (const name of readdirSync(dir).filter((f) => f !== 'psea-reports.db')) expect(file(name), name).not.to.contain('Villa El Salvador');
  });
});
