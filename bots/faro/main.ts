/** `npm start`: run Faro with the configuration from the environment (see README). */
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startFaro } from './faro.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  const faro = await startFaro(config, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing the turns in flight');
    faro.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Faro failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
