/**
 * WhatsApp answers its webhook before the turns run, and Meta never delivers a webhook again
 * after a 200: a message accepted and then lost in a crash would never be answered. Here a real
 * Faro process (embedded store, Graph calls to a local stub) is killed with SIGKILL right after
 * it answered, and a second process on the same data folder must answer everyone.
 */
import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { APP_SECRET, PHONE_NUMBER_ID, sign, TOKEN, VERIFY_TOKEN, messageWebhook, textMessage } from '../channels/whatsappHarness.ts';
import { GraphStub } from '../channels/whatsappGraphStub.ts';

function start(dir: string, apiRoot: string): ChildProcessWithoutNullStreams {
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_API_ROOT: apiRoot,
  };
  return spawn(process.execPath, ['--import', 'tsx', 'bots/faro/main.ts'], { env, stdio: 'pipe' });
}

async function listening(child: ChildProcessWithoutNullStreams): Promise<string> {
  for await (const line of createInterface({ input: child.stdout })) {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg === 'Faro is listening' && entry.url) return entry.url;
  }
  throw new Error('Faro did not start');
}

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** A webhook from these people (wa_ids), one text message each. */
function webhookFrom(people: string[]): string {
  const payload = messageWebhook(textMessage('hola'), people[0]) as { entry: { changes: { value: { contacts: unknown[]; messages: unknown[] } }[] }[] };
  const value = payload.entry[0]!.changes[0]!.value;
  // Written now: replies go out only inside the 24-hour window.
  const [message] = (value.messages as Record<string, unknown>[]).map((m) => ({ ...m, timestamp: String(Math.floor(Date.now() / 1000)) }));
  value.contacts = people.map((waId) => ({ profile: { name: 'Persona' }, wa_id: waId }));
  value.messages = people.map((waId, i) => ({ ...message, from: waId, id: `wamid.crash${waId}x${i}` }));
  return JSON.stringify(payload);
}

async function post(url: string, raw: string): Promise<number> {
  const res = await fetch(`${url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, body: raw });
  await res.arrayBuffer();
  return res.status;
}

/** Waits until every one of `people` was sent at least one message. */
async function answered(stub: GraphStub, people: string[], timeoutMs = 30_000): Promise<Set<string>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const reached = new Set(stub.calls.map((c) => c.body.to ?? ''));
    if (people.every((p) => reached.has(p)) || Date.now() > until) return reached;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('WhatsApp: accepted messages survive kill -9', function () {
  this.timeout(90_000);
  let dir: string;
  let stub: GraphStub;
  const children: ChildProcessWithoutNullStreams[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faro-wa-crash-'));
    stub = await GraphStub.start(TOKEN, PHONE_NUMBER_ID);
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 50 one-message webhooks and one of 100 messages after the process was killed right after its 200s', async () => {
    const first = start(dir, stub.apiRoot);
    children.push(first);
    const url = await listening(first);
    const single = Array.from({ length: 50 }, (_, i) => `5198700${String(i).padStart(4, '0')}`);
    const batch = Array.from({ length: 100 }, (_, i) => `5198800${String(i).padStart(4, '0')}`);
    const statuses = await Promise.all([...single.map((p) => post(url, webhookFrom([p]))), post(url, webhookFrom(batch))]);
    first.kill('SIGKILL');
    await exited(first);
    expect(
      statuses.every((s) => s === 200),
      'every webhook answered 200',
    ).to.equal(true);

    const second = start(dir, stub.apiRoot);
    children.push(second);
    await listening(second);
    const everyone = [...single, ...batch];
    const reached = await answered(stub, everyone);
    expect(
      everyone.filter((p) => !reached.has(p)),
      'people never answered',
    ).to.deep.equal([]);
    // Once done, the inbox forgets what they wrote.
    const until = Date.now() + 10_000;
    while (readFileSync(join(dir, 'inbox.db'), 'utf8').includes('hola') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(join(dir, 'inbox.db'), 'utf8')).to.not.include('hola');
  });
});
