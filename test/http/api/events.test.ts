/**
 * `GET /api/events` over real HTTP: each role's stream carries only what that role may read.
 * Operators see new tickets and claims live, and new transcript lines: with their text only
 * for the ticket they hold (reading a person's words is audited); the PSEA focal point hears
 * that a report was filed (no content) and nothing else; every other role hears nothing.
 */
import { expect } from 'chai';
import type { StaffRole } from '../../../src/core/staff.ts';
import { startApi, type ApiHarness } from './harness.ts';

interface Received {
  event: string;
  data: Record<string, unknown>;
}

/** A server-sent event stream read with fetch, parsed into events as they arrive. */
async function openStream(url: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(res.status).to.equal(200);
  expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
  expect(res.headers.get('cache-control')).to.equal('no-store');
  const events: Received[] = [];
  let raw = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body!) {
        raw += decoder.decode(chunk, { stream: true });
        for (let end = raw.indexOf('\n\n'); end >= 0; end = raw.indexOf('\n\n')) {
          const block = raw.slice(0, end);
          raw = raw.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    async until(check: () => boolean): Promise<void> {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check(), JSON.stringify(events)).to.equal(true);
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}

describe('staff API: live events', () => {
  let api: ApiHarness;
  const tokens = {} as Record<StaffRole, string>;

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    for (const role of ['operator', 'psea_focal', 'analyst', 'admin', 'editor', 'supervisor'] as const) {
      await api.addStaff(`${role}@example.org`, [role]);
      tokens[role] = await api.login(`${role}@example.org`);
    }
  });
  after(() => api.close());

  it('streams tickets and lines to operators, only the bare PSEA alert to the focal point, nothing to others', async () => {
    const operator = await openStream(`${api.url}/api/events`, tokens.operator);
    const supervisor = await openStream(`${api.url}/api/events`, tokens.supervisor);
    const focal = await openStream(`${api.url}/api/events`, tokens.psea_focal);
    const others = await Promise.all((['analyst', 'admin', 'editor'] as const).map((role) => openStream(`${api.url}/api/events`, tokens[role])));
    try {
      for (const text of ['hola', 'es', 'acepto', 'quiero hablar con una persona']) await api.chat('gaby', text);
      const ref = (await api.store.tickets.list())[0]!.ref;
      await operator.until(() => operator.events.some((e) => e.event === 'ticket' && e.data.ref === ref && e.data.status === 'open'));
      // Nobody holds the ticket yet: everyone hears of the line, nobody gets its text.
      const linesBefore = operator.events.filter((e) => e.event === 'line').length;
      await api.chat('gaby', 'sigo esperando <b>por favor</b>');
      await operator.until(() => operator.events.filter((e) => e.event === 'line').length > linesBefore);
      const notice = operator.events.filter((e) => e.event === 'line').at(-1)!.data;
      expect(notice.ref).to.equal(ref);
      expect(notice.line).to.have.all.keys('id', 'from', 'at');

      await api.call('POST', `/api/tickets/${ref}/claim`, { token: tokens.operator });
      await operator.until(() => operator.events.some((e) => e.event === 'ticket' && e.data.status === 'claimed'));
      // The holder is told live what the bot said on joining, and what the person writes.
      await operator.until(() => operator.events.some((e) => e.event === 'line' && /hablando con una persona/.test(String((e.data.line as { text?: string }).text))));

      // A sealed report, filed by someone else entirely.
      for (const text of ['me pidieron favores sexuales para darme la ayuda', 'Reportar de forma confidencial', 'Anónimo, sin contacto', 'el encargado del comedor, Huamán'])
        await api.chat('hugo', text);
      await focal.until(() => focal.events.some((e) => e.event === 'psea'));
      expect(focal.events.map((e) => e.event)).to.deep.equal(['psea']);
      expect(focal.events[0]!.data).to.have.all.keys('event', 'at');
      expect(focal.events[0]!.data.event).to.equal('psea.report.filed');

      await api.chat('gaby', 'última línea');
      await operator.until(() => operator.events.some((e) => e.event === 'line' && (e.data.line as { text: string }).text === 'última línea'));
      await supervisor.until(() => supervisor.events.filter((e) => e.event === 'line').length === operator.events.filter((e) => e.event === 'line').length);
      const seenBySupervisor = JSON.stringify(supervisor.events);
      for (const words of ['sigo esperando', 'última línea', 'hablando con una persona']) expect(seenBySupervisor, words).not.to.contain(words);
      const everything = JSON.stringify(operator.events);
      for (const secret of ['psea', 'Huamán', 'favores', 'hugo']) expect(everything, secret).not.to.contain(secret);
      for (const stream of others) expect(stream.events).to.deep.equal([]);
    } finally {
      await Promise.all([operator, supervisor, focal, ...others].map((s) => s.close()));
    }
  });

  it('refuses a stream without a session (401, JSON)', async () => {
    const r = await api.call('GET', '/api/events');
    expect(r.status).to.equal(401);
  });
});
