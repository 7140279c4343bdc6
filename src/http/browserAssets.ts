/**
 * Scripts and styles for browsers (the web widget, the operator console), built in memory when
 * the server starts: esbuild bundles and minifies TypeScript with no framework, and each asset
 * is compressed once with gzip and brotli. Nothing is written to disk, so no build output can
 * be committed, and code that does not compile stops the start-up with esbuild's message.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

/** Browsers from 2020-21 on (what cheap Android phones with an updated Chrome run); Safari 14
 * is left out because esbuild cannot work around its destructuring bugs. */
export const BROWSER_TARGET = ['chrome80', 'firefox78', 'safari15', 'edge80'];

export interface CompressedAsset {
  /** Content hash (base64url, 20 characters): an ETag or a file name. */
  hash: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Bundles `entry` into one minified IIFE; `define` replaces global names with JSON values. */
export function bundleScript(entry: string, what: string, define: Record<string, string> = {}): Uint8Array {
  try {
    const result = buildSync({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'iife',
      target: BROWSER_TARGET,
      charset: 'utf8',
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
      define,
    });
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output');
    return file.contents;
  } catch (err) {
    throw new Error(`Building ${what} from ${entry} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function compressed(code: Uint8Array): CompressedAsset {
  const identity = Buffer.from(code);
  return {
    hash: createHash('sha256').update(identity).digest('base64url').slice(0, 20),
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  };
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts: brotli, then gzip, else none. `q=0` refuses one. */
export function negotiate(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}
