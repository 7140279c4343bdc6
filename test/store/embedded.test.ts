import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createEmbeddedStore } from '../../src/store/embedded/index.ts';
import { openStore } from '../../src/store/index.ts';
import { storeContract } from './contract.ts';
import { conversation, referral, transcriptLine } from './fixtures.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'faro-embedded-'));

storeContract('embedded', async () => {
  const dir = await tempDir();
  return {
    store: await createEmbeddedStore({ dir }),
    reopen: () => createEmbeddedStore({ dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('embedded store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets only its owner into the data folder, whatever mode it had (issue 10, finding 8)', async () => {
    const { chmod, stat } = await import('node:fs/promises');
    await chmod(dir, 0o755);
    const store = await createEmbeddedStore({ dir });
    try {
      expect((await stat(dir)).mode & 0o777).to.equal(0o700);
      const fresh = join(dir, 'nested', 'data');
      const other = await createEmbeddedStore({ dir: fresh });
      expect((await stat(fresh)).mode & 0o777).to.equal(0o700);
      await other.close();
    } finally {
      await store.close();
    }
  });

  it('keeps what a crashed process committed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./embedded-crash-child.ts', import.meta.url)), dir, '50', '20'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal, out).to.equal('SIGKILL');
    expect(out).to.contain('committed 1000');

    // The dead process's lock is stale and taken over.
    const store = await createEmbeddedStore({ dir });
    try {
      expect(await store.conversations.get('webchat:c0')).to.equal(null);
      for (let k = 1; k < 50; k++) expect(await store.conversations.get(`webchat:c${k}`), `c${k}`).to.deep.equal(conversation(`webchat:c${k}`, 20));
      expect(await store.contacts.consentHistory('webchat:c1')).to.have.length(1);
      await store.conversations.commit(conversation('webchat:c1', 21));
    } finally {
      await store.close();
    }
  });

  it('has a commit in its file by the time the commit resolves', async () => {
    const store = await createEmbeddedStore({ dir });
    const file = join(dir, 'conversations.db');
    try {
      await Promise.all(
        Array.from({ length: 50 }, async (_, k) => {
          for (let rev = 1; rev <= 3; rev++) {
            await store.conversations.commit(conversation(`webchat:k${k}`, rev));
            expect(readFileSync(file, 'utf8')).to.contain(`{"_id":"webchat:k${k}","rev":${rev},`);
          }
        }),
      );
    } finally {
      await store.close();
    }
  });

  it('refuses a second open of the same directory until the first is closed', async () => {
    const store = await createEmbeddedStore({ dir });
    try {
      const error = await createEmbeddedStore({ dir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String(error)).to.match(/already open/);
    } finally {
      await store.close();
    }
    await (await createEmbeddedStore({ dir })).close();
  });

  it('rewrites its file as writes accumulate, without losing or resurrecting data', async () => {
    const store = await createEmbeddedStore({ dir, compactAfterWrites: 50 });
    const keys = Array.from({ length: 10 }, (_, i) => `webchat:k${i}`);
    for (let rev = 1; rev <= 30; rev++) await Promise.all(keys.map((key) => store.conversations.commit(conversation(key, rev))));
    await store.conversations.delete('webchat:k0');
    await store.conversations.get('webchat:k1'); // runs after any rewrite queued before it
    const lines = (await readFile(join(dir, 'conversations.db'), 'utf8')).split('\n').length;
    expect(lines, 'lines in conversations.db after 301 writes').to.be.below(100);
    await store.close();

    const reopened = await createEmbeddedStore({ dir });
    try {
      expect(await reopened.conversations.get('webchat:k0')).to.equal(null);
      expect((await reopened.conversations.get('webchat:k9'))?.rev).to.equal(30);
    } finally {
      await reopened.close();
    }
  });

  it('takes erased transcripts and referrals out of their files, not only out of memory', async () => {
    const store = await createEmbeddedStore({ dir });
    try {
      await store.transcripts.append([transcriptLine('webchat:p', 1, 0, { text: 'me llamo Rosa' }), transcriptLine('webchat:q', 1, 0, { text: 'sigo aquí' })]);
      await store.referrals.create(referral('R1', 'K7P', 'webchat:p', 1, { note: 'Rosa, 3 hijos' }));
      await store.transcripts.eraseByContact('webchat:p');
      await store.referrals.eraseByContact('webchat:p');
      const transcripts = await readFile(join(dir, 'transcripts.db'), 'utf8');
      expect(transcripts).to.not.contain('Rosa');
      expect(transcripts).to.contain('sigo aquí');
      expect(await readFile(join(dir, 'referrals.db'), 'utf8')).to.not.contain('Rosa');
      // Still appending after the rewrite (the file was replaced under the open handle).
      await store.transcripts.append([transcriptLine('webchat:q', 2, 0, { text: 'gracias' })]);
      expect(await readFile(join(dir, 'transcripts.db'), 'utf8')).to.contain('gracias');
    } finally {
      await store.close();
    }
  });

  it('is what openStore picks without a MongoDB URI', async () => {
    const store = await openStore({ mongodbUri: '', dataDir: join(dir, 'nested', 'data') });
    try {
      await store.conversations.commit(conversation('webchat:a', 1));
    } finally {
      await store.close();
    }
    expect(readFileSync(join(dir, 'nested', 'data', 'conversations.db'), 'utf8')).to.contain('webchat:a');
  });

  it('refuses work after close', async () => {
    const store = await createEmbeddedStore({ dir });
    await store.close();
    expect(await store.ping()).to.equal(false);
    const error = await store.conversations.get('webchat:a').then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(error)).to.match(/closed/);
  });
});
