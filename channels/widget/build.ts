import { fileURLToPath } from 'node:url';
import { bundleScript, compressed, type CompressedAsset } from '../kit/http.ts';

/** widget.js, built in memory at start-up (src/http/browserAssets.ts). */
export type WidgetBundle = CompressedAsset;

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

const built = new Map<string, WidgetBundle>();

/** `origin` ('' or `https://faro.example.org`) is baked in as the default server. Built once
 * per origin per process. */
export function buildWidget(origin: string): WidgetBundle {
  let bundle = built.get(origin);
  if (!bundle) {
    bundle = compressed(bundleScript(ENTRY, 'widget.js', { __FARO_ORIGIN__: JSON.stringify(origin) }));
    built.set(origin, bundle);
  }
  return bundle;
}
