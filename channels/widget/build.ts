import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

/**
 * widget.js is built in memory when the server starts: esbuild bundles and minifies
 * `client/main.ts` (TypeScript, no framework) into one IIFE, then it is compressed once with
 * gzip and brotli. Nothing is written to disk, so no build artefact can be committed, and a
 * widget that does not compile stops the start-up with esbuild's message.
 */
export interface WidgetBundle {
  /** Content hash: the ETag, one per encoding. */
  hash: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

/** Browsers from 2020-21 on (what cheap Android phones with an updated Chrome run); Safari 14
 * is left out because esbuild cannot work around its destructuring bugs. */
const TARGET = ['chrome80', 'firefox78', 'safari15', 'edge80'];

const built = new Map<string, WidgetBundle>();

/** `origin` ('' or `https://faro.example.org`) is baked in as the default server. Built once
 * per origin per process. */
export function buildWidget(origin: string): WidgetBundle {
  const cached = built.get(origin);
  if (cached) return cached;
  let code: Uint8Array;
  try {
    const result = buildSync({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: 'iife',
      target: TARGET,
      charset: 'utf8',
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
      define: { __FARO_ORIGIN__: JSON.stringify(origin) },
    });
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output');
    code = file.contents;
  } catch (err) {
    throw new Error(`Building widget.js from ${ENTRY} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const identity = Buffer.from(code);
  const bundle: WidgetBundle = {
    hash: createHash('sha256').update(identity).digest('base64url').slice(0, 20),
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
  };
  built.set(origin, bundle);
  return bundle;
}
