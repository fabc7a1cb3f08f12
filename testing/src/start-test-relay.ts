/**
 * The real relay on 127.0.0.1 and a free port, over in-memory PGlite, with a clock tests can move.
 * Start one per test file (PGlite takes a few seconds to create) and use fresh groups per story.
 */
import type { AddressInfo } from "node:net";
import { readySodium } from "@porch/shared";
import {
  DEFAULT_FLOW_LIMITS,
  createRelayServer,
  type FlowLimits,
  openPgliteStore,
  type RelayLimits,
  type RelayServer,
  type RelayStorage,
  type SqlExecutor,
} from "@porch/sync-server/in-process";

export interface TestRelay {
  /** ws://127.0.0.1:<port>/api/sync (a new port after `restart`) */
  readonly url: string;
  readonly relay: RelayServer;
  readonly storage: RelayStorage;
  /** SQL on the relay's database, to prove what it stores (and what it no longer does). */
  readonly sql: SqlExecutor;
  /** Event codes the relay logged, in order. */
  readonly logged: string[];
  /** The relay's clock now (ms). */
  now(): number;
  /** Moves the relay's clock forward (ms). */
  advanceClock(ms: number): void;
  /**
   * Stops the relay process's server (every socket closes, every in-memory cache is gone) and starts a
   * new one on the same database: what a relay restart keeps is what storage keeps.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestRelayOptions {
  /** Catch-up page and socket buffer limits, over the defaults (as PORCH_CATCHUP_* and PORCH_SOCKET_* would set them). */
  readonly flow?: Partial<FlowLimits>;
  /** Limits that differ from a public relay's defaults (e.g. a short hello deadline). */
  readonly limits?: Partial<RelayLimits>;
}

export async function startTestRelay(options: TestRelayOptions = {}): Promise<TestRelay> {
  await readySodium();
  const { storage, sql } = await openPgliteStore({ dataDir: null });
  let offset = 0;
  const logged: string[] = [];
  const now = () => Date.now() + offset;
  const listen = async (): Promise<{ relay: RelayServer; url: string }> => {
    const relay = createRelayServer({
      storage,
      staticDir: null,
      now,
      log: (code) => logged.push(code),
      flow: { ...DEFAULT_FLOW_LIMITS, ...options.flow },
      ...(options.limits ? { limits: options.limits } : {}),
    });
    await new Promise<void>((resolve) => relay.server.listen(0, "127.0.0.1", resolve));
    const { port } = relay.server.address() as AddressInfo;
    return { relay, url: `ws://127.0.0.1:${port}/api/sync` };
  };
  let current = await listen();
  return {
    get url() {
      return current.url;
    },
    get relay() {
      return current.relay;
    },
    storage,
    sql,
    logged,
    now,
    advanceClock: (ms) => {
      offset += ms;
    },
    restart: async () => {
      await current.relay.close();
      current = await listen();
    },
    stop: async () => {
      await current.relay.close();
      await storage.close();
    },
  };
}
