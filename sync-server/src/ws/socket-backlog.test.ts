/**
 * A socket whose buffer fills (the peer does not read): the relay stops reading its requests over the
 * mark, starts again under half of it, and gives up (4008 `slow-consumer`) after `slowSends` frames, a
 * frame that would take the buffer past twice the mark, or `drainMs` with no frame leaving it. A fake
 * socket stands in for `ws`, so the buffer is whatever the test says.
 */
import {
  MemberId,
  authMessage,
  encodeFrame,
  parseServerFrame,
  readySodium,
  signWithContext,
  type ServerFrame,
} from "@porch/shared";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { member } from "@porch/testing/members";
import { RoundService } from "../aggregation/round-service.ts";
import type { RelayStorage } from "../storage/relay-storage.ts";
import { Connection, type RelaySocket } from "./connection.ts";
import { DEFAULT_FLOW_LIMITS } from "./flow-limits.ts";
import { DEFAULT_RELAY_LIMITS } from "../relay-limits.ts";
import { Hub } from "./hub.ts";

beforeAll(async () => {
  await readySodium();
});
afterEach(() => {
  vi.useRealTimers();
});

const MARK = 1000;

function fakeSocket() {
  const sent: ServerFrame[] = [];
  const written: (() => void)[] = [];
  const state = { buffered: 0, paused: false, closed: null as null | { code: number; reason: string } };
  const socket: RelaySocket = {
    send: (bytes, done) => {
      sent.push(parseServerFrame(bytes)!);
      if (done) written.push(done);
    },
    close: (code, reason) => void (state.closed = { code, reason }),
    get isOpen() {
      return state.closed === null;
    },
    get bufferedAmount() {
      return state.buffered;
    },
    pause: () => void (state.paused = true),
    resume: () => void (state.paused = false),
  };
  /** Frames leave the buffer: it now holds `buffered` bytes, and ws calls every pending send callback. */
  const drain = (buffered: number) => {
    state.buffered = buffered;
    for (const done of written.splice(0)) done();
  };
  return { socket, sent, state, drain };
}

function connect(socket: RelaySocket) {
  // Only the hello touches storage here: the device id is bound to whoever says hello with it.
  const storage = { bindDevice: async (_device: Uint8Array, member: Uint8Array) => member } as unknown as RelayStorage;
  const hub = new Hub();
  const logged: string[] = [];
  const connection = new Connection(socket, {
    storage,
    hub,
    rounds: new RoundService({ storage, hub, now: Date.now, log: () => {} }),
    now: Date.now,
    origin: "http://relay.test",
    limits: DEFAULT_RELAY_LIMITS,
    address: "127.0.0.1",
    log: (code) => void logged.push(code),
    flow: { ...DEFAULT_FLOW_LIMITS, socketBufferBytes: MARK, slowSends: 3, drainMs: 100 },
  });
  connection.open();
  return { connection, logged };
}

/** A frame the relay pushes to a socket, standing for anything it sends. */
const push = (id: number): ServerFrame => ({ v: 1, type: "link-opened", id });

function hello(challenge: ServerFrame): ArrayBuffer {
  if (challenge.type !== "challenge") throw new Error("no challenge");
  const ana = member("Ana");
  const memberId = MemberId.toBytes(ana.identity.memberId);
  const signature = signWithContext(
    "auth",
    authMessage(challenge, memberId, ana.deviceId),
    ana.identity.signing.privateKey,
  );
  const bytes = encodeFrame({ v: 1, type: "hello", memberId, deviceId: ana.deviceId, signature });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("a socket that does not read", () => {
  it("over the mark the relay stops reading its requests; under half of it, it reads again", async () => {
    const { socket, sent, state, drain } = fakeSocket();
    const { connection } = connect(socket);
    state.buffered = MARK + 1;
    connection.push(push(1));
    expect(state.paused).toBe(true);

    connection.receive(hello(sent[0]!));
    await settle();
    expect(sent.map((f) => f.type)).toEqual(["challenge", "link-opened"]); // the hello waits

    drain(MARK / 2 + 1);
    await settle();
    expect(state.paused).toBe(true);
    connection.push(push(2));
    drain(MARK / 2);
    await settle();
    expect(state.paused).toBe(false);
    expect(sent.map((f) => f.type)).toEqual(["challenge", "link-opened", "link-opened", "welcome"]);
    expect(state.closed).toBeNull();
  });

  it("after slowSends more frames without draining, it is closed with 4008 slow-consumer", () => {
    const { socket, sent, state } = fakeSocket();
    const { connection, logged } = connect(socket);
    state.buffered = MARK + 1;
    for (let i = 1; i <= 4; i++) connection.push(push(i));
    expect(state.closed).toBeNull();
    connection.push(push(5));
    expect(state.closed).toEqual({ code: 4008, reason: "slow-consumer" });
    expect(sent.at(-1)).toEqual({ v: 1, type: "error", id: null, code: "slow-consumer", fatal: true });
    expect(sent.filter((f) => f.type === "link-opened")).toHaveLength(4);
    expect(logged).toEqual(["slow-consumer"]);
    expect(state.paused).toBe(false); // reading again, for the peer's close frame
    connection.push(push(6));
    expect(sent.at(-1)?.type).toBe("error");
  });

  it("a frame that would take the buffer past twice the mark closes it instead of being sent", () => {
    const { socket, sent, state } = fakeSocket();
    const { connection } = connect(socket);
    state.buffered = MARK + 1;
    connection.push(push(1));
    state.buffered = 2 * MARK - 5;
    connection.push(push(2));
    expect(state.closed).toEqual({ code: 4008, reason: "slow-consumer" });
    expect(sent.filter((f) => f.type === "link-opened")).toHaveLength(1);
  });

  it("no frame leaving the buffer for drainMs closes it; one frame leaving buys another drainMs", () => {
    vi.useFakeTimers();
    const { socket, state, drain } = fakeSocket();
    const { connection } = connect(socket);
    state.buffered = MARK + 1;
    connection.push(push(1));
    connection.push(push(2));
    vi.advanceTimersByTime(50);
    drain(MARK); // some frames left, still over half the mark
    vi.advanceTimersByTime(60);
    expect(state.closed).toBeNull();
    vi.advanceTimersByTime(100);
    expect(state.closed).toEqual({ code: 4008, reason: "slow-consumer" });
  });

  it("a socket that drains in time is never closed", () => {
    vi.useFakeTimers();
    const { socket, state, drain } = fakeSocket();
    const { connection } = connect(socket);
    state.buffered = MARK + 1;
    connection.push(push(1));
    drain(0);
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 10; i++) connection.push(push(i));
    expect(state.closed).toBeNull();
    expect(state.paused).toBe(false);
  });
});
