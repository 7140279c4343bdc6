/**
 * A live event stream carries nothing once its session no longer allows it (issue 10,
 * finding 5): a disabled operator kept receiving people's words for over a minute, and a
 * logged-out one too. Over real HTTP: the stream ends, and the event after the change never
 * reaches it.
 */
import { expect } from 'chai';
import { startApi, type ApiHarness } from './harness.ts';

/** Reads a stream until it ends (or `ms` pass): the events it carried, and whether it ended. */
async function readStream(url: string, token: string, ms: number): Promise<{ events: string[]; ended: boolean }> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(res.status).to.equal(200);
  const events: string[] = [];
  let ended = false;
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    const decoder = new TextDecoder();
    for await (const chunk of res.body!) for (const m of decoder.decode(chunk).matchAll(/^event: (.+)$/gm)) events.push(m[1]!);
    ended = true;
  } catch {
    // aborted: still open after `ms`
  } finally {
    clearTimeout(timer);
  }
  return { events, ended };
}

describe('staff API: a live stream ends with its session', () => {
  let api: ApiHarness;
  let adminToken: string;

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    await api.addStaff('root@example.org', ['admin']);
    adminToken = await api.login('root@example.org');
  });
  after(() => api.close());

  it('ends for a disabled account before the next event', async () => {
    const id = await api.addStaff('rosa@example.org', ['operator']);
    const token = await api.login('rosa@example.org');
    const reading = readStream(`${api.url}/api/events`, token, 5_000);
    await new Promise((r) => setTimeout(r, 100));
    expect((await api.call('PATCH', `/api/users/${id}`, { token: adminToken, body: { disabled: true } })).status).to.equal(200);
    for (const text of ['hola', 'es', 'acepto', 'quiero hablar con una persona']) await api.chat('ana', text);
    const { events, ended } = await reading;
    expect(events).to.deep.equal([]);
    expect(ended).to.equal(true);
    // Enabled again, the account's old token stays dead: disabling ended its sessions.
    expect((await api.call('PATCH', `/api/users/${id}`, { token: adminToken, body: { disabled: false } })).status).to.equal(200);
    expect((await api.call('GET', '/api/auth/me', { token })).status).to.equal(401);
  });

  it('ends after a logout, and the other sessions of a still-allowed account keep theirs', async () => {
    await api.addStaff('luis@example.org', ['operator']);
    const token = await api.login('luis@example.org');
    const reading = readStream(`${api.url}/api/events`, token, 5_000);
    await new Promise((r) => setTimeout(r, 100));
    expect((await api.call('POST', '/api/auth/logout', { token })).status).to.equal(204);
    for (const text of ['hola', 'es', 'acepto', 'quiero hablar con una persona']) await api.chat('beto', text);
    const { events, ended } = await reading;
    expect(events).to.deep.equal([]);
    expect(ended).to.equal(true);

    await api.addStaff('sara@example.org', ['operator']);
    const still = readStream(`${api.url}/api/events`, await api.login('sara@example.org'), 1_500);
    await new Promise((r) => setTimeout(r, 100));
    for (const text of ['hola', 'es', 'acepto', 'quiero hablar con una persona']) await api.chat('carla', text);
    const open = await still;
    expect(open.events).to.include('ticket');
    expect(open.ended).to.equal(false);
  });
});
