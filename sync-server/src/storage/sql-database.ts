/**
 * The few things the relay's SQL logic needs from a database driver. PGlite and the `postgres`
 * client each get a thin adapter, so the storage logic (and the schema) exists once.
 */

/** A value bound to a `$n` placeholder. Bytes travel as bytea, numbers as integers. */
export type SqlValue = Uint8Array | number | string | boolean | null;

/** One result row. Adapters return bytea as plain `Uint8Array` and int8 as `number`. */
export type SqlRow = Record<string, unknown>;

/** Runs statements on one connection (inside or outside a transaction). */
export interface SqlExecutor {
  /** One statement with positional parameters. The row type is the caller's claim about the SQL. */
  query<R extends SqlRow>(text: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A database that can run a callback inside one transaction. */
export interface SqlDatabase extends SqlExecutor {
  /** Commits when `fn` resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
