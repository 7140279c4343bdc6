/**
 * For the widget's browser tests: Faro built from the same parts as bots/faro/faro.ts (embedded
 * store in a temp dir, seed answers, the real dialog, runtime and Direct Line) plus the widget's
 * routes; a switch that drops and blocks WebSocket streams from the server side; tiny static
 * servers for "agency" pages on other origins; and one headless Chromium.
 */
import { loadUnderstanding } from '../../content/understanding/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { chromium, type Browser } from 'playwright-core';
import { createDirectLine } from '../../channels/directline/index.ts';
import { STREAM_PATH } from '../../channels/directline/stream.ts';
import { createWidget } from '../../channels/widget/index.ts';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { createFaroDialog } from '../../dialogs/faro/index.ts';
import { createFaro } from '../../bots/faro/faro.ts';
import { webChat } from '../../bots/faro/channels.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { TurnRuntime } from '../../src/runtime/turns.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { settings, translations } from '../support/dialog.ts';

export interface WidgetFaro {
  url: string;
  store: Store;
  /** What staff actions go through (an operator's message: `createPersonLink(runtime).say`). */
  runtime: TurnRuntime;
  /** Server-side control of the Direct Line WebSocket streams. */
  streams: {
    /** Open stream sockets right now. */
    readonly open: number;
    /** Upgrades refused so far while blocked. */
    readonly refused: number;
    /** Cuts every open stream (as a network drop would) and refuses new ones until unblocked. */
    dropAndBlock(): void;
    unblock(): void;
  };
  stop(): Promise<void>;
}

export async function startWidgetFaro(options: { origins: string[] }): Promise<WidgetFaro> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faro-widget-'));
  const log = createLogger('silent');
  const store = await openStore({ dataDir });
  await store.answers.upsertMany(loadSeedAnswers());
  const dialog = createFaroDialog({ translations, answers: buildAnswerIndex(await store.answers.listPublished()), understanding: loadUnderstanding(), settings });
  const sockets = new Set<Duplex>();
  let blocked = false;
  let refused = 0;
  const faro = await createFaro({
    store,
    dialog,
    log,
    tokenKey: Buffer.from('widget-tests-0123456789abcdef0123'),
    channels: (runtime) => {
      const directLine = createDirectLine({ turns: runtime, tokenKey: Buffer.from('widget-tests-0123456789abcdef0123'), origins: options.origins, log });
      const webchat = webChat(directLine, createWidget({ log }));
      // The streams can be cut and refused, as a network drop would.
      const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (STREAM_PATH.test(path)) {
          if (blocked) {
            refused += 1;
            socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
            return true;
          }
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
        }
        return directLine.handleUpgrade(req, socket, head);
      };
      return [{ ...webchat, handleUpgrade }];
    },
  });
  const { runtime } = faro;
  const server = await faro.listen(0, '127.0.0.1');
  return {
    url: server.url,
    store,
    runtime,
    streams: {
      get open() {
        return sockets.size;
      },
      get refused() {
        return refused;
      },
      dropAndBlock() {
        blocked = true;
        for (const socket of sockets) socket.destroy();
      },
      unblock() {
        blocked = false;
      },
    },
    async stop() {
      await faro.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Page {
  type: string;
  body: string | Buffer;
}

export interface PageServer {
  url: string;
  /** Pages can be added after start, once the URLs they point at are known. */
  pages: Map<string, Page>;
  close(): Promise<void>;
}

/** A static "agency" site on its own origin (another port = another origin). */
export async function startPageServer(pages: Record<string, Page> = {}): Promise<PageServer> {
  const map = new Map(Object.entries(pages));
  const server: Server = createServer((req, res) => {
    const page = map.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pages: map,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const html = (body: string, lang = 'es'): Page => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Agencia de ejemplo</title></head><body>${body}</body></html>`,
});

/** Debian's Chromium, headless, with a fresh profile (playwright-core makes one per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
