/**
 * The embedded relay store: PGlite (PostgreSQL compiled to wasm) in the relay's own process.
 * `dataDir: null` keeps everything in memory (tests); otherwise the database lives in
 * `<dataDir>/pglite`, guarded by an exclusive lock file in `<dataDir>`.
 */
import { join } from "node:path";
import { PGlite, types, type Transaction } from "@electric-sql/pglite";
import { createSqlRelayStorage } from "./create-sql-relay-storage.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { parseByteaHex } from "./parse-bytea-hex.ts";
import type { RelayStorage } from "./relay-storage.ts";
import { migrate } from "./schema.ts";
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from "./sql-database.ts";

export interface PgliteStorageOptions {
  /** Directory for the relay's data; `null` for an in-memory database. */
  readonly dataDir: string | null;
}

export async function openPgliteStorage(options: PgliteStorageOptions): Promise<RelayStorage> {
  return (await openPgliteStore(options)).storage;
}

/** The store and plain SQL on its database (closed with the store). */
export interface PgliteStore {
  readonly storage: RelayStorage;
  /** For tests that read the tables themselves, to prove what is stored and what is not. */
  readonly sql: SqlExecutor;
}

/** `openPgliteStorage`, also handing out SQL on the same database. */
export async function openPgliteStore(options: PgliteStorageOptions): Promise<PgliteStore> {
  if (options.dataDir === null) {
    const db = pgliteDatabase(await createPglite({ loadDataDir: await freshImage() }));
    return { storage: createSqlRelayStorage(db), sql: db };
  }
  const lock = await acquireDataDirLock(options.dataDir);
  try {
    const db = pgliteDatabase(await createPglite({ dataDir: join(options.dataDir, "pglite") }));
    await migrate(db);
    return { storage: createSqlRelayStorage(db, () => lock.release()), sql: db };
  } catch (e) {
    await lock.release();
    throw e;
  }
}

/** An empty in-memory database with no migration applied (migration tests). */
export async function openBlankPglite(): Promise<SqlDatabase> {
  return pgliteDatabase(await createPglite({}));
}

function createPglite(where: { dataDir: string } | { loadDataDir: Blob } | Record<string, never>): Promise<PGlite> {
  return PGlite.create({
    ...where,
    parsers: { [types.BYTEA]: parseByteaHex, [types.INT8]: Number },
    serializers: {
      // Handing PGlite the bytes themselves makes it bind them in binary format, skipping a hex
      // round trip. Its Serializer type says "string" but it accepts any ArrayBufferView.
      [types.BYTEA]: (bytes: Uint8Array) => bytes as unknown as string,
    },
  });
}

/**
 * In-memory stores (tests) start from one cached image of a freshly migrated database: loading it
 * takes about a third of the time of initdb plus migrations.
 */
let freshImagePromise: Promise<Blob> | null = null;
function freshImage(): Promise<Blob> {
  freshImagePromise ??= (async () => {
    const pg = await createPglite({});
    await migrate(pgliteDatabase(pg));
    const image = await pg.dumpDataDir("none");
    await pg.close();
    return image;
  })();
  freshImagePromise.catch(() => {
    freshImagePromise = null;
  });
  return freshImagePromise;
}

function executor(pg: PGlite | Transaction): SqlExecutor {
  return {
    async query<R extends SqlRow>(text: string, params: readonly SqlValue[] = []): Promise<R[]> {
      const result = await pg.query<R>(text, [...params]);
      return result.rows;
    },
    async exec(text) {
      await pg.exec(text);
    },
  };
}

function pgliteDatabase(pg: PGlite): SqlDatabase {
  return {
    ...executor(pg),
    transaction: (fn) => pg.transaction((tx) => fn(executor(tx))),
    close: () => pg.close(),
  };
}
