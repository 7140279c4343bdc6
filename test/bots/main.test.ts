/** `npm start` as a process: zero configuration, start-up errors, and a clean SIGTERM. */
import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

function start(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'bots/faro/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
}

async function listening(child: ChildProcessWithoutNullStreams): Promise<string> {
  for await (const line of createInterface({ input: child.stdout })) {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg === 'Faro is listening' && entry.url) return entry.url;
  }
  throw new Error('Faro did not start');
}

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm start', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'faro-main-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with zero configuration, finishes the turn in flight on SIGTERM and exits 0', async () => {
    const child = start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir });
    const url = await listening(child);
    const conversation = (await (await fetch(`${url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const posting = fetch(`${url}/v3/directline/conversations/${conversation.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` },
      body: JSON.stringify({ type: 'message', from: { id: 'dl_x' }, text: 'hola' }),
    });
    await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const res = await posting;
    expect(res.status).to.equal(200);
    expect(await exited(child)).to.equal(0);
  });

  it('refuses a bad setting with a message naming it, and exit code 2', async () => {
    const child = start({ PORT: 'eighty', DATA_DIR: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    expect(await exited(child)).to.equal(2);
    expect(stderr).to.include('PORT');
  });
});
