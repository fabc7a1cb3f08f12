/**
 * Starts the relay: the only file that reads the environment or opens a port.
 * `npm run serve` (after `npm run build`) → "Porch is running at http://127.0.0.1:8787/".
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readySodium } from "@porch/shared";
import { defaultLog } from "./app.ts";
import { loadConfig, type RelayConfig } from "./config.ts";
import { createRelayServer } from "./relay-server.ts";
import { openPgliteStorage } from "./storage/pglite-storage.ts";
import { openPostgresStorage } from "./storage/postgres-storage.ts";
import type { RelayStorage } from "./storage/relay-storage.ts";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  await readySodium();
  let config: RelayConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    fail(error instanceof Error ? error.message : "The relay's settings are invalid.");
  }

  let storage: RelayStorage;
  try {
    storage =
      config.databaseUrl !== null
        ? await openPostgresStorage({ url: config.databaseUrl, log: defaultLog })
        : await openPgliteStorage({ dataDir: config.dataDir, sharedBuffers: config.ops.pgliteSharedBuffers });
  } catch (error) {
    // Most often: another relay already holds the data directory's lock, or PostgreSQL is unreachable.
    fail(error instanceof Error ? error.message : `Could not open the relay's storage.`);
  }

  if (!existsSync(join(config.staticDir, "index.html"))) {
    console.warn(
      `No app found in ${config.staticDir} (index.html is missing). Run npm run build first; the relay serves only its API until then.`,
    );
  }
  const staticDir = existsSync(config.staticDir) ? config.staticDir : null;
  const relay = createRelayServer({ storage, staticDir, flow: config.flow, limits: config.limits });

  // SIGTERM/SIGINT: drain (not ready, no new sockets, in-flight writes committed and acknowledged,
  // sockets closed with 1012 so clients reconnect at once), close storage, exit. A second signal stops
  // at once.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: draining (up to ${config.ops.drainTimeoutMs} ms)…`);
    await relay.drain(config.ops.drainTimeoutMs);
    await storage.close();
    console.log("Porch stopped.");
    process.exit(0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));

  relay.server.once("error", async (error: NodeJS.ErrnoException) => {
    await storage.close();
    fail(
      error.code === "EADDRINUSE"
        ? `Port ${config.port} on ${config.host} is already in use. Set PORT to a free port.`
        : `The relay could not listen: ${error.message}`,
    );
  });
  relay.server.listen(config.port, config.host, () => {
    const address = relay.server.address();
    const port = typeof address === "object" && address !== null ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    relay.markReady();
    console.log(`Porch is running at http://${host}:${port}/`);
    console.log(
      config.databaseUrl !== null
        ? "Data is stored in PostgreSQL (DATABASE_URL)"
        : `Data is stored in ${config.dataDir}`,
    );
  });
}

await main();
