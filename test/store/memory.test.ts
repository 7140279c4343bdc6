import { createMemoryStore } from '../../src/store/memory/index.ts';
import { storeContract } from './contract.ts';

storeContract('memory', async () => ({ store: createMemoryStore(), cleanup: async () => {} }));
