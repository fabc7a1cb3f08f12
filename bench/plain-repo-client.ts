/** A plaintext automerge-repo client of the plain server, counting the bytes it receives on the wire. */
import { Repo } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { WireCounter } from "./porch-node-client.ts";

/** One plain client (no storage: a fresh device every time). */
export interface PlainClient {
  readonly repo: Repo;
  readonly wire: WireCounter;
}

/** Every WebSocket message the server sends goes through `receiveMessage` (event.data, an ArrayBuffer). */
class CountingClientAdapter extends WebSocketClientAdapter {
  constructor(
    url: string,
    private readonly wire: WireCounter,
  ) {
    super(url);
  }
  override receiveMessage(messageBytes: Uint8Array): void {
    this.wire.received += messageBytes.byteLength;
    super.receiveMessage(messageBytes);
  }
}

/** Connects a new Repo to the plain server at `url`. */
export function openPlainClient(url: string): PlainClient {
  const wire: WireCounter = { received: 0, sent: 0 };
  const repo = new Repo({ network: [new CountingClientAdapter(url, wire)] });
  return { repo, wire };
}
