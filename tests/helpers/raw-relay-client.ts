/**
 * A bare relay client for hostile-client tests: it speaks the wire protocol over a real `ws` socket
 * (Node 20 has no global WebSocket) and lets a test send anything, well-formed or not. Every wait
 * resolves on a frame or rejects when the socket closes — never on time.
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
  type Identity,
  type ServerFrame,
} from "@porch/shared";
import WebSocket from "ws";

type Waiter = { readonly match: (f: ServerFrame) => boolean; readonly resolve: (f: ServerFrame) => void; readonly reject: (e: Error) => void };
/** A request frame without the `v` and `id` the client fills in. */
export type RequestFrame = ClientFrame extends infer F ? (F extends { id: number } ? Omit<F, "id" | "v"> : never) : never;

export class RawRelayClient {
  /** Every binary message the relay sent, as received (for byte searches). */
  readonly received: Uint8Array[] = [];
  /** Resolves with the WebSocket close code. */
  readonly closed: Promise<number>;
  private readonly inbox: ServerFrame[] = [];
  private waiters: Waiter[] = [];
  private nextId = 1;
  private challengeFrame: ChallengeFrame | null = null;

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.on("close", (code) => resolve(code)));
    // The close event follows an error and carries what the tests assert on.
    socket.on("error", () => {});
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      const bytes = new Uint8Array(data);
      this.received.push(bytes);
      const frame = isBinary ? parseServerFrame(bytes) : null;
      if (frame === null) throw new Error("the relay sent a frame that does not parse");
      if (frame.type === "challenge" && this.challengeFrame === null) this.challengeFrame = frame;
      this.deliver(frame);
    });
    void this.closed.then(() => {
      for (const waiter of this.waiters) waiter.reject(new Error("socket closed while waiting"));
      this.waiters = [];
    });
  }

  /** Connects to `<relayUrl>/api/sync` and waits for the relay's challenge. */
  static async connect(relayUrl: string): Promise<RawRelayClient> {
    const socket = new WebSocket(`${relayUrl.replace(/^http/, "ws")}/api/sync`);
    socket.binaryType = "nodebuffer";
    const client = new RawRelayClient(socket);
    await client.next((f) => f.type === "challenge");
    return client;
  }

  /** Connects and authenticates as `identity` on `deviceId`; throws unless the relay says `welcome`. */
  static async as(relayUrl: string, identity: Identity, deviceId: Uint8Array): Promise<RawRelayClient> {
    const client = await RawRelayClient.connect(relayUrl);
    const answer = await client.hello(identity, deviceId);
    if (answer.type !== "welcome") throw new Error(`expected welcome, got ${JSON.stringify(answer)}`);
    return client;
  }

  get challenge(): ChallengeFrame {
    if (this.challengeFrame === null) throw new Error("no challenge yet");
    return this.challengeFrame;
  }

  /** Answers the challenge; `tamper` may change the signature before it is sent. */
  hello(identity: Identity, deviceId: Uint8Array, tamper: (signature: Uint8Array) => Uint8Array = (s) => s): Promise<ServerFrame> {
    const memberId = MemberId.toBytes(identity.memberId);
    const signature = signWithContext("auth", authMessage(this.challenge, memberId, deviceId), identity.signing.privateKey);
    this.sendFrame({ v: PROTOCOL_VERSION, type: "hello", memberId, deviceId, signature: tamper(signature) });
    return this.next((f) => f.type === "welcome" || f.type === "error");
  }

  /** Sends a request under a fresh id and waits for the frame that answers it. */
  request(frame: RequestFrame): Promise<ServerFrame> {
    const id = this.nextId++;
    this.sendFrame({ ...frame, v: PROTOCOL_VERSION, id } as ClientFrame);
    return this.next((f) => "id" in f && f.id === id);
  }

  /** The next frame matching `match`, already received or still to come. */
  next(match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    const index = this.inbox.findIndex(match);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0]!);
    if (this.socket.readyState >= WebSocket.CLOSING) return Promise.reject(new Error("socket closed"));
    return new Promise((resolve, reject) => this.waiters.push({ match, resolve, reject }));
  }

  sendFrame(frame: ClientFrame): void {
    this.socket.send(encodeFrame(frame));
  }

  /** Sends bytes as a binary message, or a string as a text message. */
  sendRaw(data: Uint8Array | string): void {
    this.socket.send(data, { binary: typeof data !== "string" });
  }

  close(): Promise<number> {
    this.socket.close();
    return this.closed;
  }

  private deliver(frame: ServerFrame): void {
    const waiter = this.waiters.find((w) => w.match(frame));
    if (waiter === undefined) return void this.inbox.push(frame);
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.resolve(frame);
  }
}
