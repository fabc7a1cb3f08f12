/**
 * The baseline: a plaintext automerge-repo 2.5 sync server (a Repo with NodeWSServerAdapter on a `ws`
 * WebSocketServer, in-memory storage) — what Porch would be without sealing, signing and PGlite.
 * Run directly (`node --import tsx bench/plain-automerge-server.ts`) it prints `listening <port>`, so
 * the bench can run it in its own process like the Porch relay.
 */
import { Repo } from "@automerge/automerge-repo";
import { NodeWSServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { WebSocketServer } from "ws";
import { MemoryStorage as MemoryStorageAdapter } from "../client/src/core/engine/memory-storage.test-kit.ts";

/** A running plain server. */
export interface PlainServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the plain sync server on 127.0.0.1 and a free port. */
export async function startPlainServer(): Promise<PlainServer> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve);
    wss.once("error", reject);
  });
  const address = wss.address();
  if (address === null || typeof address === "string") throw new Error("unexpected address");
  // Like automerge-repo-sync-server: never announce documents, serve whoever asks for them.
  const repo = new Repo({
    network: [new NodeWSServerAdapter(wss as unknown as ConstructorParameters<typeof NodeWSServerAdapter>[0])],
    storage: new MemoryStorageAdapter(),
    sharePolicy: async () => false,
  });
  return {
    port: address.port,
    url: `ws://127.0.0.1:${address.port}`,
    async close() {
      await repo.shutdown();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

if (process.argv[1]?.endsWith("plain-automerge-server.ts")) {
  const server = await startPlainServer();
  console.log(`listening ${server.port}`);
  process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
}
