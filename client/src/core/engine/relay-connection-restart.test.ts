/** A relay that closes with 1012 (service restart) is reconnected to promptly, not after a backoff. */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DeviceId, deriveIdentity, randomBytes, readySodium } from "@porch/shared";
import { RelayConnection, SERVICE_RESTART } from "./relay-connection.ts";

/** A WebSocket that never connects by itself: the test closes each one with the code it chooses. */
class FakeSocket {
  static made: { socket: FakeSocket; at: number }[] = [];
  binaryType = "blob";
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push({ socket: this, at: Date.now() });
  }
  send(): void {}
  close(): void {}
  /** The transport closes with `code`. */
  drop(code: number): void {
    this.onclose?.({ code });
  }
}

/** Delays between successive connection attempts (ms of the fake clock). */
const gaps = () => FakeSocket.made.slice(1).map((m, i) => m.at - FakeSocket.made[i]!.at);

/** Closes the latest socket with `code`, then lets the fake clock run until the next attempt. */
async function failLatest(code: number): Promise<void> {
  const count = FakeSocket.made.length;
  FakeSocket.made.at(-1)!.socket.drop(code);
  while (FakeSocket.made.length === count) await vi.advanceTimersByTimeAsync(50);
}

describe("reconnecting after the relay closes", () => {
  let connection: RelayConnection;
  beforeAll(() => readySodium());
  beforeEach(async () => {
    vi.useFakeTimers();
    FakeSocket.made = [];
    connection = new RelayConnection({
      url: "ws://relay.test/api/sync",
      identity: deriveIdentity(randomBytes(32)),
      deviceId: DeviceId.fromBytes(randomBytes(16))!,
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      onLive: () => {},
      onState: () => {},
      onReady: () => {},
    });
    connection.start();
  });
  afterEach(() => {
    connection?.stop();
    vi.useRealTimers();
  });

  it("after a 1012 (service restart) it retries every 250–1000 ms while the relay is still down", async () => {
    await failLatest(SERVICE_RESTART);
    // The new relay takes a few seconds to come up: connections are refused (1006) meanwhile.
    for (let i = 0; i < 10; i++) await failLatest(1006);
    for (const gap of gaps()) {
      expect(gap).toBeGreaterThanOrEqual(250);
      expect(gap).toBeLessThanOrEqual(1050);
    }
  });

  it("after an ordinary drop it backs off (up to 15 s), as before", async () => {
    for (let i = 0; i < 8; i++) await failLatest(1006);
    const all = gaps();
    expect(Math.max(...all.slice(-2))).toBeGreaterThan(3000);
  });
});
