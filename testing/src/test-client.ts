/**
 * A relay client for tests, speaking the real protocol over a real socket (`ws`, since Node 20 has no
 * global WebSocket), and able to send anything, well-formed or not (hostile-client tests). It waits on
 * events, never on time: every wait resolves on a frame or rejects when the socket closes.
 * The relay's own tests and the cross-folder tests in tests/ share it (`@porch/testing/test-client`).
 */
import {
  MemberId,
  PROTOCOL_VERSION,
  authMessage,
  encodeFrame,
  parseServerFrame,
  signWithContext,
  type ChallengeFrame,
  type ClientFrame,
  type ServerFrame,
} from "@porch/shared";
import WebSocket from "ws";
import type { TestMember } from "./members.ts";

type Waiter = {
  readonly match: (f: ServerFrame) => boolean;
  readonly resolve: (f: ServerFrame) => void;
  readonly reject: (e: Error) => void;
};
/** Who authenticates: an identity on one device (a `TestMember` fits). */
export type Authenticating = Pick<TestMember, "identity" | "deviceId">;
/** A request frame without the `v` and `id` the client fills in. */
export type Request = ClientFrame extends infer F ? (F extends { id: number } ? Omit<F, "id" | "v"> : never) : never;

export class TestClient {
  private readonly inbox: ServerFrame[] = [];
  private waiters: Waiter[] = [];
  private nextId = 1;
  /** Resolves with the close code when the socket closes. */
  readonly closed: Promise<number>;
  /** Every message the relay sent, as received (for byte searches). */
  readonly received: Uint8Array[] = [];

  private constructor(
    private readonly socket: WebSocket,
    readonly challenge: ChallengeFrame,
    closed: Promise<number>,
  ) {
    this.closed = closed;
  }

  /** Connects and waits for the relay's challenge. */
  static async connect(url: string): Promise<TestClient> {
    const socket = new WebSocket(url);
    socket.binaryType = "nodebuffer";
    let client: TestClient | null = null;
    const early: ServerFrame[] = [];
    const earlyBytes: Uint8Array[] = [];
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    socket.on("error", () => {}); // the close event follows and carries what tests need
    const challenge = new Promise<ChallengeFrame>((resolve, reject) => {
      socket.on("message", (data: Buffer) => {
        const bytes = new Uint8Array(data);
        (client?.received ?? earlyBytes).push(bytes);
        const frame = parseServerFrame(bytes);
        if (frame === null) throw new Error("the relay sent a frame that does not parse");
        if (client === null && frame.type === "challenge") resolve(frame);
        else if (client === null) early.push(frame);
        else client.receive(frame);
      });
      void closed.then(() => reject(new Error("closed before the challenge")));
    });
    client = new TestClient(socket, await challenge, closed);
    void closed.then(() => client.failWaiters());
    client.received.push(...earlyBytes);
    for (const frame of early) client.receive(frame);
    return client;
  }

  /** Connects and authenticates as `member` (expects `welcome`). */
  static async as(url: string, member: Authenticating): Promise<TestClient> {
    const client = await TestClient.connect(url);
    const answer = await client.hello(member);
    if (answer.type !== "welcome") throw new Error(`expected welcome, got ${JSON.stringify(answer)}`);
    return client;
  }

  /** Answers the challenge; `tamper` changes the signature before sending. */
  hello(member: Authenticating, tamper: (signature: Uint8Array) => Uint8Array = (s) => s): Promise<ServerFrame> {
    const memberId = MemberId.toBytes(member.identity.memberId);
    const signature = signWithContext(
      "auth",
      authMessage(this.challenge, memberId, member.deviceId),
      member.identity.signing.privateKey,
    );
    this.sendFrame({
      v: PROTOCOL_VERSION,
      type: "hello",
      memberId,
      deviceId: member.deviceId,
      signature: tamper(signature),
    });
    return this.next((f) => f.type === "welcome" || f.type === "error");
  }

  /** Sends a request with a fresh id and waits for the frame answering it. */
  request(frame: Request): Promise<ServerFrame> {
    const id = this.nextId++;
    this.sendFrame({ ...frame, v: PROTOCOL_VERSION, id } as ClientFrame);
    return this.next((f) => "id" in f && f.id === id);
  }

  /** The next frame matching `match` (already received or still to come). */
  next(match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    const index = this.inbox.findIndex(match);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0]!);
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error("socket closed"));
    return new Promise((resolve, reject) => this.waiters.push({ match, resolve, reject }));
  }

  /** The next live frame of a type. */
  nextLive<T extends "envelope" | "entry">(type: T): Promise<Extract<ServerFrame, { type: T }>> {
    return this.next((f) => f.type === type) as Promise<Extract<ServerFrame, { type: T }>>;
  }

  /** Frames received and not yet taken by a wait. */
  get unclaimed(): readonly ServerFrame[] {
    return this.inbox;
  }

  sendFrame(frame: ClientFrame): void {
    this.socket.send(encodeFrame(frame));
  }

  /** Sends bytes as a binary message, or a string as a text message. */
  sendRaw(data: Uint8Array | string): void {
    this.socket.send(data);
  }

  close(): Promise<number> {
    this.socket.close();
    return this.closed;
  }

  private receive(frame: ServerFrame): void {
    const waiter = this.waiters.find((w) => w.match(frame));
    if (waiter === undefined) return void this.inbox.push(frame);
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.resolve(frame);
  }

  private failWaiters(): void {
    for (const waiter of this.waiters) waiter.reject(new Error("socket closed while waiting"));
    this.waiters = [];
  }
}
