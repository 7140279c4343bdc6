import type { Router } from 'express';
import type { Logger } from '../log/logger.ts';
import { buildConsole } from './build.ts';
import { createConsoleRouter } from './router.ts';

/**
 * The operator console at `/console`: one page, one script, one stylesheet; everything it shows
 * comes from the staff API (`/api`) with the session cookie. Mount `router` with the app's others.
 */
export interface OperatorConsole {
  router: Router;
}

/** Builds the assets (a broken build stops the start-up here) and the routes. */
export function createConsole(options: { log: Logger }): OperatorConsole {
  const assets = buildConsole();
  options.log.info({ scriptBytes: assets.script.identity.length, scriptGzipBytes: assets.script.gzip.length, styleBytes: assets.style.identity.length }, 'console built');
  return { router: createConsoleRouter(assets) };
}
