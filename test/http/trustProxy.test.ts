/**
 * TRUST_PROXY (issue 10, finding 12): behind a reverse proxy every request comes from the
 * proxy's address, so 30 bad logins from anyone blocked every staff login. With the setting,
 * express reads the client from X-Forwarded-For and the per-IP limit counts people.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaro, type RunningFaro } from '../../bots/faro/faro.ts';
import { loadConfig } from '../../src/config.ts';

async function attempts(faro: RunningFaro, from: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${faro.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ email: `nobody${i}@example.org`, password: 'not the password at all' }),
    });
    statuses.push(res.status);
  }
  return statuses;
}

for (const trusted of [true, false]) {
  describe(`login limit per client ${trusted ? 'with' : 'without'} TRUST_PROXY`, function () {
    this.timeout(60_000);
    let dir: string;
    let faro: RunningFaro;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'faro-proxy-'));
      faro = await startFaro(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', ...(trusted && { TRUST_PROXY: 'loopback' }) }, ''));
    });
    after(async () => {
      await faro.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it(trusted ? 'counts the client named by the proxy, so one client cannot block the others' : 'counts the proxy, as before', async () => {
      const first = await attempts(faro, '203.0.113.1', 31);
      expect(first.slice(0, 30).every((s) => s === 401)).to.equal(true);
      expect(first[30]).to.equal(429);
      const [other] = await attempts(faro, '203.0.113.2', 1);
      expect(other).to.equal(trusted ? 401 : 429);
    });
  });
}
