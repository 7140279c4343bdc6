import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { BROWSER_TARGET, bundleScript, compressed, type CompressedAsset } from '../http/browserAssets.ts';

/**
 * The console's script and stylesheet, built in memory when the server starts like the
 * widget's (src/http/browserAssets.ts): `client/main.ts` (the locale catalogs inlined) and
 * `console.css`, minified and compressed once.
 *
 * Each asset is named after its content hash (`console-<hash>.js`), so the page can let
 * browsers keep it for a year: a release changes the name, not the cache.
 */
export interface ConsoleAsset extends CompressedAsset {
  /** `console-3fA9….js`: the path segment under /console/. */
  name: string;
  contentType: string;
}

export interface ConsoleAssets {
  script: ConsoleAsset;
  style: ConsoleAsset;
}

const SCRIPT_ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));
const STYLE_FILE = fileURLToPath(new URL('./console.css', import.meta.url));

let built: ConsoleAssets | undefined;

/** Built once per process (about 50 ms). */
export function buildConsole(): ConsoleAssets {
  built ??= {
    script: asset('js', 'text/javascript; charset=utf-8', bundleScript(SCRIPT_ENTRY, 'the console script')),
    style: asset('css', 'text/css; charset=utf-8', minifyStyle()),
  };
  return built;
}

function minifyStyle(): Uint8Array {
  try {
    return Buffer.from(transformSync(readFileSync(STYLE_FILE, 'utf8'), { loader: 'css', minify: true, target: BROWSER_TARGET, logLevel: 'silent' }).code);
  } catch (err) {
    throw new Error(`Minifying ${STYLE_FILE} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function asset(extension: string, contentType: string, code: Uint8Array): ConsoleAsset {
  const built = compressed(code);
  return { ...built, name: `console-${built.hash}.${extension}`, contentType };
}
