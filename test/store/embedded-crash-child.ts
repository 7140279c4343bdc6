/**
 * Run by embedded.test.ts as its own process: commits conversations concurrently (with file
 * rewrites in between), says so, and kills itself without closing the store (lock left
 * behind, queued state never compacted), like a crash.
 * Usage: node --import tsx embedded-crash-child.ts <dir> <keys> <revs>
 */
import { createEmbeddedStore } from '../../src/store/embedded/index.ts';
import { conversation } from './fixtures.ts';

const [dir, keysArg, revsArg] = process.argv.slice(2);
if (!dir || !keysArg || !revsArg) throw new Error('usage: embedded-crash-child.ts <dir> <keys> <revs>');
const keys = Number(keysArg);
const revs = Number(revsArg);

const store = await createEmbeddedStore({ dir, compactAfterWrites: 100 });
await Promise.all(
  Array.from({ length: keys }, async (_, k) => {
    for (let rev = 1; rev <= revs; rev++) await store.conversations.commit(conversation(`webchat:c${k}`, rev));
  }),
);
await store.conversations.delete('webchat:c0');
await store.contacts.recordConsent({
  contactKey: 'webchat:c1',
  decision: 'accepted',
  textVersion: 'v1',
  lang: 'es',
  channel: 'webchat',
  at: 1,
  messageId: 'm1',
});
process.stdout.write(`committed ${keys * revs}\n`, () => process.kill(process.pid, 'SIGKILL'));
