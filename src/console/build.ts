import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSync, transformSync } from 'esbuild';

/**
 * The console's script and stylesheet, built in memory when the server starts, as the widget's
 * (channels/widget/build.ts): esbuild bundles and minifies `client/main.ts` (TypeScript, no
 * framework, the locale catalogs inlined) and minifies `console.css`; each is compressed once
 * with gzip and brotli. Nothing is written to disk; a console that does not compile stops the
 * start-up with esbuild's message.
 *
 * Each asset is named after its content hash (`console-<hash>.js`), so the page can let
 * browsers keep it for a year: a release changes the name, not the cache.
 */
export interface ConsoleAsset {
  /** `console-3fA9….js`: the path segment under /console/. */
  name: string;
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export interface ConsoleAssets {
  script: ConsoleAsset;
  style: ConsoleAsset;
}

const SCRIPT_ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));
const STYLE_FILE = fileURLToPath(new URL('./console.css', import.meta.url));

/** The widget's targets: Chrome 80+ covers the cheap Android phones and old laptops operators use. */
const TARGET = ['chrome80', 'firefox78', 'safari15', 'edge80'];

let built: ConsoleAssets | undefined;

/** Built once per process (about 50 ms). */
export function buildConsole(): ConsoleAssets {
  built ??= { script: asset('js', 'text/javascript; charset=utf-8', bundleScript()), style: asset('css', 'text/css; charset=utf-8', minifyStyle()) };
  return built;
}

function bundleScript(): Uint8Array {
  try {
    const result = buildSync({
      entryPoints: [SCRIPT_ENTRY],
      bundle: true,
      minify: true,
      format: 'iife',
      target: TARGET,
      charset: 'utf8',
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output');
    return file.contents;
  } catch (err) {
    throw new Error(`Building the console script from ${SCRIPT_ENTRY} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function minifyStyle(): Uint8Array {
  try {
    return Buffer.from(transformSync(readFileSync(STYLE_FILE, 'utf8'), { loader: 'css', minify: true, target: TARGET, logLevel: 'silent' }).code);
  } catch (err) {
    throw new Error(`Minifying ${STYLE_FILE} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function asset(extension: string, contentType: string, code: Uint8Array): ConsoleAsset {
  const identity = Buffer.from(code);
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 16);
  return {
    name: `console-${hash}.${extension}`,
    contentType,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  };
}
