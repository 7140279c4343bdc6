/**
 * A server process for the HTTP benchmark: `faro` (the real app on the embedded store) or
 * `floor` (a bare express JSON echo on the same port setup). Prints `{"url": …}` when listening.
 */
import express from 'express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaro } from '../../bots/faro/faro.ts';
import { loadConfig } from '../../src/config.ts';

const kind = process.argv[2];
if (kind === 'floor') {
  const app = express();
  app.use(express.json());
  let n = 0;
  app.post('/echo', (req, res) => {
    res.json({ id: `${(req.body as { type?: string }).type ?? ''}${++n}` });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') console.log(JSON.stringify({ url: `http://127.0.0.1:${address.port}` }));
  });
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'faro-bench-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000000' }, '');
  const faro = await startFaro(config);
  console.log(JSON.stringify({ url: faro.url }));
  process.on('SIGTERM', () => void faro.stop().then(() => process.exit(0)));
}
