/**
 * The contract against the jongodb test engine, and again against a real MongoDB when
 * MONGODB_URI is set. Every test gets its own database.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import { openStore } from '../../src/store/index.ts';
import { createMongoStore } from '../../src/store/mongo/index.ts';
import { startJongodb, type TestMongo } from '../support/jongodb.ts';
import { storeContract, type OpenedStore } from './contract.ts';
import { answer } from './fixtures.ts';

const run = `faro_test_${process.pid}_${Date.now().toString(36)}`;
let databases = 0;

async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const connection = await mongoose.createConnection(uri, { dbName, autoCreate: false, autoIndex: false }).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

function opener(uri: () => string, drop: boolean): () => Promise<OpenedStore> {
  return async () => {
    const dbName = `${run}_${++databases}`;
    return {
      store: await createMongoStore({ uri: uri(), dbName }),
      reopen: () => createMongoStore({ uri: uri(), dbName }),
      cleanup: async () => {
        if (drop) await dropDatabase(uri(), dbName);
      },
    };
  };
}

describe('mongo store on jongodb', () => {
  let engine: TestMongo | undefined;
  before(async () => {
    engine = await startJongodb();
  });
  after(async () => {
    await engine?.stop();
  });
  it('is what openStore picks when a MongoDB URI is configured', async () => {
    const store = await openStore({ mongodbUri: engine!.uri, dataDir: '/nonexistent/never-used' });
    try {
      await store.answers.upsertMany([answer('a', 'es')]);
      expect(await store.answers.count()).to.equal(1);
      expect(await store.ping()).to.equal(true);
    } finally {
      await store.close();
    }
  });

  // jongodb has neither dropDatabase nor listCollections; its data dies with the engine.
  storeContract(
    'mongo (jongodb)',
    opener(() => engine!.uri, false),
  );
});

const realUri = process.env.MONGODB_URI;
if (realUri) {
  describe('mongo store on MONGODB_URI', () => {
    storeContract(
      'mongo (MONGODB_URI)',
      opener(() => realUri, true),
    );
  });
}
