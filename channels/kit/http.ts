/**
 * The HTTP helpers channels share with the rest of Faro (they live in src/http): channels reach
 * them through the kit, so a channel depends on src/core and channels/kit only.
 */
export { rawBodyOf } from '../../src/http/app.ts';
export { bundleScript, type CompressedAsset, compressed, type Encoding, negotiate } from '../../src/http/browserAssets.ts';
export { HttpError } from '../../src/http/errors.ts';
