/**
 * The embedded relay store: PGlite (PostgreSQL compiled to wasm) in the relay's own process.
 * `dataDir: null` keeps everything in memory (tests); otherwise the database lives in
 * `<dataDir>/pglite`, guarded by an exclusive lock file in `<dataDir>`.
 *
 * Memory (bench/README.md, "relay-memory"): PostgreSQL's default 128MB `shared_buffers` is resident
 * in full once PGlite starts, so the relay sets it small (16MB by default); the OS caches the data
 * files anyway. Creating a new database (initdb) peaks at ~800 MB and the wasm heap never gives that
 * back, so a new data directory is created and migrated by a short-lived child process
 * (pglite-init.ts), and the relay opens the result.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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
  /** PostgreSQL's `shared_buffers` (e.g. `16MB`, the default). */
  readonly sharedBuffers?: string;
}

/** The embedded database's buffer cache unless the relay's settings say otherwise (config.ts). */
export const PGLITE_SHARED_BUFFERS = "16MB";

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
  const sharedBuffers = options.sharedBuffers ?? PGLITE_SHARED_BUFFERS;
  const startParams = pgliteStartParams(sharedBuffers);
  if (options.dataDir === null) {
    const db = pgliteDatabase(await createPglite({ loadDataDir: await freshImage(), startParams }));
    return { storage: createSqlRelayStorage(db), sql: db };
  }
  const lock = await acquireDataDirLock(options.dataDir);
  try {
    const pgDir = join(options.dataDir, "pglite");
    if (!existsSync(join(pgDir, "PG_VERSION"))) await initialiseInChildProcess(pgDir, sharedBuffers);
    const db = pgliteDatabase(await createPglite({ dataDir: pgDir, startParams }));
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

/** PGlite's own start parameters (it replaces them, not adds to them) plus the buffer cache's size. */
function pgliteStartParams(sharedBuffers: string): string[] {
  if (!/^\d+(kB|MB|GB)$/.test(sharedBuffers)) throw new Error(`shared_buffers "${sharedBuffers}" is not a size`);
  return [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`];
}

/**
 * Creates and migrates the database in `pgDir` in a child process (pglite-init.ts), which exits and
 * hands its memory back to the OS: in this process, initdb's ~800 MB peak and the migrations' wasm heap
 * would stay resident for good.
 */
async function initialiseInChildProcess(pgDir: string, sharedBuffers: string): Promise<void> {
  const require = createRequire(import.meta.url);
  // The relay runs TypeScript through tsx; the child does too (tsx's own loader, by absolute URL).
  const tsx = pathToFileURL(require.resolve("tsx")).href;
  const child = fileURLToPath(new URL("./pglite-init.ts", import.meta.url));
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--import", tsx, child, pgDir, sharedBuffers],
      { timeout: 120_000 },
      (error, _stdout, stderr) =>
        error === null
          ? resolve()
          : reject(new Error(`Could not create the database in ${pgDir}: ${stderr.trim() || error.message}`)),
    ),
  );
}

/** Creates (initdb) and migrates a new database in `pgDir`, then closes it: the child's whole job. */
export async function initialiseDatabase(pgDir: string, sharedBuffers: string): Promise<void> {
  const pg = await createPglite({ dataDir: pgDir, startParams: pgliteStartParams(sharedBuffers) });
  try {
    await migrate(pgliteDatabase(pg));
  } finally {
    await pg.close();
  }
}

function createPglite(
  where: ({ dataDir: string } | { loadDataDir: Blob } | Record<string, never>) & { startParams?: string[] },
): Promise<PGlite> {
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
