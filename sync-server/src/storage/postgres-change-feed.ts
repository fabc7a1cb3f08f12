/**
 * The change feed between relay processes sharing one PostgreSQL (change-feed.ts): changes are
 * announced with `pg_notify` inside the write's transaction — PostgreSQL delivers them when, and only
 * if, it commits, in commit order — and every process LISTENs on one dedicated connection.
 *
 * That connection can drop (a network blip, a PostgreSQL restart, an operator terminating it). It is
 * then opened again, with back-off, for as long as the feed is open, and once it listens again the
 * feed emits `resync`: notifications sent meanwhile were lost, so the fan-out re-reads the heads of
 * every document its sockets follow. The client's catch-up from its last seq stays the backstop.
 * A connection can also die without closing (a NAT or firewall forgetting it, a frozen server): a
 * heartbeat query on it every `heartbeatMs` that gets no answer within `heartbeatMs` counts as a drop.
 */
import { Buffer } from "node:buffer";
import postgres from "postgres";
import { randomBytes, toBase64Url } from "@porch/shared";
import { MAX_NOTIFY_BYTES, createLocalChangeFeed, decodeChange, encodeChange, type ChangeFeed } from "./change-feed.ts";

/** The one channel every relay process listens on (PostgreSQL folds unquoted names to lower case). */
export const CHANGE_CHANNEL = "porch_changes";
/**
 * How the listening connection names itself in `pg_stat_activity`, followed by the relay's pid
 * (operators, and the tests that cut one relay's connection).
 */
export const CHANGE_FEED_APPLICATION = "porch-change-feed";

export interface PostgresChangeFeedOptions {
  readonly url: string;
  /** Event codes (`change-feed-lost`, `change-feed-listening`, `change-feed-bad-payload`). */
  readonly log: (code: string, detail?: string) => void;
  /** Longest wait between two attempts to listen again (ms). */
  readonly maxRetryMs?: number;
  /** How often the listening connection is checked, and how long an answer may take (ms). */
  readonly heartbeatMs?: number;
}

export async function openPostgresChangeFeed(options: PostgresChangeFeedOptions): Promise<ChangeFeed> {
  const { url, log } = options;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const local = createLocalChangeFeed((error) =>
    log("internal", error instanceof Error ? `change listener: ${error.name}` : "change listener"),
  );
  // Our own notifications come back on our listening connection: they were emitted locally already.
  const self = toBase64Url(randomBytes(12));
  let closed = false;
  let connecting: Promise<void> | null = null;
  let listenedOnce = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let wakeRetry: (() => void) | null = null;

  const onnotify = (channel: string, payload: string) => {
    if (channel !== CHANGE_CHANNEL) return;
    const decoded = decodeChange(payload);
    if (decoded === null) return log("change-feed-bad-payload");
    if (decoded.from !== self) void local.emit(decoded.change);
  };
  // `onnotify` is the driver's hook for every notification on this client's connection (its own
  // `listen()` uses it too, but re-listens silently and gives up when one attempt fails).
  const connectListener = () => {
    const sql = postgres(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: `${CHANGE_FEED_APPLICATION} ${process.pid}` },
      ...{ onnotify },
      onclose: () => {
        if (closed || sql !== listener) return;
        log("change-feed-lost");
        void listen();
      },
    });
    return sql;
  };
  let listener = connectListener();

  /** A connection that does not answer is given up for a new one (which listens, then resyncs). */
  let beating = false;
  const heartbeat = setInterval(() => {
    if (closed || connecting !== null || beating) return;
    beating = true;
    const current = listener;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void Promise.race([
      current.unsafe("select 1").then(
        () => true,
        () => true, // an error is a closed connection: `onclose` reconnects
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), heartbeatMs))),
    ])
      .then(async (answered) => {
        if (answered || closed || current !== listener) return;
        log("change-feed-lost", "no answer to the heartbeat");
        listener = connectListener();
        void current.end({ timeout: 0 }).catch(() => {});
        await listen();
      })
      .finally(() => {
        clearTimeout(timer);
        beating = false;
      });
  }, heartbeatMs);
  heartbeat.unref();

  /** LISTENs (again), retrying with back-off until it works or the feed closes. */
  function listen(): Promise<void> {
    connecting ??= (async () => {
      for (let attempt = 0; !closed; attempt++) {
        try {
          await listener.unsafe(`listen ${CHANGE_CHANNEL}`);
          if (listenedOnce) {
            log("change-feed-listening");
            void local.emit({ kind: "resync" });
          }
          listenedOnce = true;
          return;
        } catch {
          await new Promise<void>((resolve) => {
            wakeRetry = resolve;
            retryTimer = setTimeout(resolve, Math.min(maxRetryMs, 50 * 2 ** attempt));
          });
        }
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  await listen();
  if (!listenedOnce) throw new Error("the change feed closed before it listened");

  return {
    async announce(tx, change) {
      const payload = encodeChange(change, self);
      // Ids and positions only: a payload near the limit is a bug, not something to truncate.
      if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) throw new Error("change payload over NOTIFY's limit");
      await tx.query("select pg_notify($1, $2)", [CHANGE_CHANNEL, payload]);
    },
    emit: local.emit,
    listen: local.listen,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      if (retryTimer !== null) clearTimeout(retryTimer);
      wakeRetry?.();
      await connecting?.catch(() => {});
      await listener.end({ timeout: 1 });
      await local.close();
    },
  };
}
