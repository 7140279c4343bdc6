/**
 * Picks the Store for a deployment: MongoDB when a URI is configured, otherwise the embedded
 * store under the data directory (the default: nothing to install). Each adapter is loaded
 * only when chosen, so an embedded deployment never loads mongoose.
 */
import type { Store } from './ports.ts';

export interface StoreConfig {
  /** `MONGODB_URI`; unset or empty selects the embedded store. */
  mongodbUri?: string;
  /** `DATA_DIR`: where the embedded store keeps its files. */
  dataDir: string;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) {
    const { createMongoStore } = await import('./mongo/index.ts');
    return createMongoStore({ uri: config.mongodbUri });
  }
  const { createEmbeddedStore } = await import('./embedded/index.ts');
  return createEmbeddedStore({ dir: config.dataDir });
}

export type { Store } from './ports.ts';
export { ConcurrentUpdateError, DuplicateKeyError } from './ports.ts';
