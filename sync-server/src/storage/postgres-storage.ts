/**
 * The scale-out relay store: a real PostgreSQL server through the `postgres` client. Same schema and
 * same queries as the embedded store (create-sql-relay-storage.ts); several relays may share one
 * database, since every write locks its group's row, and each hears the others' changes through
 * LISTEN/NOTIFY (postgres-change-feed.ts).
 */
import { Buffer } from "node:buffer";
import postgres from "postgres";
import { createSqlRelayStorage } from "./create-sql-relay-storage.ts";
import { openPostgresChangeFeed } from "./postgres-change-feed.ts";
import { parseByteaHex } from "./parse-bytea-hex.ts";
import type { RelayStorage } from "./relay-storage.ts";
import { migrate } from "./schema.ts";
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from "./sql-database.ts";

export interface PostgresStorageOptions {
  /** e.g. postgres://user@host:5432/db */
  readonly url: string;
  /** Connection pool size (the change feed's listening connection comes on top). */
  readonly max?: number;
  /** Where the change feed logs its event codes (lost, listening again); quiet when absent. */
  readonly log?: (code: string, detail?: string) => void;
}

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<RelayStorage> {
  return (await openPostgresStore(options)).storage;
}

/** `openPostgresStorage`, also handing out SQL on the same pool (closed with the store) for tests. */
export async function openPostgresStore(
  options: PostgresStorageOptions,
): Promise<{ readonly storage: RelayStorage; readonly sql: SqlExecutor }> {
  const sql = connect(options);
  try {
    const db = postgresDatabase(sql);
    await migrate(db);
    const feed = await openPostgresChangeFeed({ url: options.url, log: options.log ?? (() => {}) });
    return { storage: createSqlRelayStorage(db, async () => {}, feed), sql: db };
  } catch (e) {
    await sql.end();
    throw e;
  }
}

function connect(options: PostgresStorageOptions) {
  return postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: {
      bytea: {
        to: 17,
        from: [17],
        serialize: (b: Uint8Array) => `\\x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex")}`,
        parse: parseByteaHex,
      },
      // Seqs and counters are bigint in SQL but stay far below 2^53.
      int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
    },
  });
}
type PgSql = ReturnType<typeof connect>;

// The row type is the caller's claim about its own SQL (see SqlExecutor.query).
function executor(sql: Pick<PgSql, "unsafe">): SqlExecutor {
  return {
    async query<R extends SqlRow>(text: string, params: readonly SqlValue[] = []): Promise<R[]> {
      const rows = await sql.unsafe(text, [...params], { prepare: true });
      return [...rows] as unknown as R[];
    },
    async exec(text) {
      await sql.unsafe(text);
    },
  };
}

function postgresDatabase(sql: PgSql): SqlDatabase {
  return {
    ...executor(sql),
    async transaction(fn) {
      const result = await sql.begin((tx) => fn(executor(tx)));
      return result as Awaited<ReturnType<typeof fn>>;
    },
    close: () => sql.end(),
  };
}
