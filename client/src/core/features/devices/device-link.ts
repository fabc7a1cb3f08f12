/**
 * Second-device link, both sides (docs/protocols.md "Second-device link"; protocol README "Second-device link").
 * The existing device keeps the 16-byte secret in memory only, answers a `link-request` after checking
 * its MAC, and seals the root seed to the new device's ephemeral key. The new device talks to the relay
 * under a throwaway identity until it holds the real one. Links look like `<origin>/#/link/<secret>`.
 */
import {
  checkLinkMac,
  DeviceId,
  deriveIdentity,
  deriveInviteKeys,
  err,
  fromBase64Url,
  LINK_SECRET_BYTES,
  LINK_TTL_MS,
  linkMac,
  linkMailboxId,
  ok,
  randomBytes,
  sealLinkPayload,
  toBase64Url,
  bytesEqual,
  type LinkPayload,
  type Result,
} from "@porch/shared";
import { openLinkPayload } from "@porch/shared/sealing";
import { RelayConnection, type PushFrame } from "../../engine/relay-connection.ts";

/** The link a member opens on the new device. */
export function makeDeviceLink(origin: string, secret: Uint8Array): string {
  return `${origin}/#/link/${toBase64Url(secret)}`;
}

/** Reads a device link's fragment (or whole link); null if it is not one. */
export function parseDeviceLink(text: string): Uint8Array | null {
  const match = /#\/link\/([A-Za-z0-9_-]+)\/?$/.exec(text.trim());
  const secret = match ? fromBase64Url(match[1] ?? "") : null;
  return secret !== null && secret.length === LINK_SECRET_BYTES ? secret : null;
}

/** Links this device opened and has not completed yet (secrets in memory only). */
export class LinkOwner {
  private readonly open = new Map<string, { readonly secret: Uint8Array; readonly expiresAt: number }>();

  constructor(
    private readonly connection: () => RelayConnection | null,
    /** The payload to hand over: the root seed is unwrapped only at that moment. */
    private readonly payload: () => Promise<LinkPayload>,
    private readonly onCompleted: () => void,
  ) {}

  /** Opens a mailbox on the relay; resolves with the secret and expiry to show. */
  async start(now: number): Promise<Result<{ readonly secret: Uint8Array; readonly expiresAt: number }>> {
    const connection = this.connection();
    if (connection === null) return err("offline");
    const secret = randomBytes(LINK_SECRET_BYTES);
    const mailbox = linkMailboxId(secret);
    const expiresAt = now + LINK_TTL_MS;
    const answer = await connection.request({ v: 1, type: "link-open", mailbox, expiresAt });
    if (!answer.ok) return answer;
    this.open.set(toBase64Url(mailbox), { secret, expiresAt });
    return ok({ secret, expiresAt });
  }

  /** A new device answered one of our mailboxes: seal the identity to it if the MAC proves it holds the secret. */
  async onRequest(frame: Extract<PushFrame, { type: "link-request" }>): Promise<void> {
    const id = toBase64Url(frame.mailbox);
    const link = this.open.get(id);
    const connection = this.connection();
    if (link === undefined || connection === null) return;
    this.open.delete(id); // single use, whatever happens next
    const trusted = Date.now() < link.expiresAt && checkLinkMac(link.secret, frame.ephemeralKey, frame.mac);
    const sealed = trusted ? sealLinkPayload(link.secret, frame.ephemeralKey, await this.payload()) : null;
    await connection.request({ v: 1, type: "link-complete", mailbox: frame.mailbox, sealed });
    if (trusted) this.onCompleted();
  }
}

/** How the new device reaches the relay before it has an identity. */
export interface LinkTransport {
  readonly url: string;
  readonly WebSocketImpl?: typeof WebSocket;
  readonly timeoutMs?: number;
}

/** On the new device: answers the link's mailbox and waits for the sealed identity. */
export async function receiveLink(transport: LinkTransport, secret: Uint8Array): Promise<Result<LinkPayload>> {
  const mailbox = linkMailboxId(secret);
  const ephemeral = deriveInviteKeys(randomBytes(32)).box;
  const timeoutMs = transport.timeoutMs ?? 60_000;
  let settle: (result: Result<LinkPayload>) => void = () => undefined;
  const outcome = new Promise<Result<LinkPayload>>((resolve) => (settle = resolve));
  let ready: () => void = () => undefined;
  const online = new Promise<void>((resolve) => (ready = resolve));
  const connection = new RelayConnection({
    url: transport.url,
    identity: deriveIdentity(randomBytes(32)), // throwaway: the relay learns nothing about the member
    deviceId: DeviceId.random(),
    ...(transport.WebSocketImpl ? { WebSocketImpl: transport.WebSocketImpl } : {}),
    onLive: () => undefined,
    onState: () => undefined,
    onReady: () => ready(),
    onPush: (frame) => {
      if (frame.type === "link-sealed" && bytesEqual(frame.mailbox, mailbox))
        settle(openLinkPayload(secret, ephemeral, frame.sealed));
      else if (frame.type === "error" && frame.code === "link-bad-mac") settle(err("link-bad-mac"));
    },
  });
  const timer = setTimeout(() => settle(err("timeout")), timeoutMs);
  connection.start();
  try {
    const first = await Promise.race([online.then(() => null), outcome]);
    if (first !== null) return first;
    const answered = await connection.request({
      v: 1,
      type: "link-answer",
      mailbox,
      ephemeralKey: ephemeral.publicKey,
      mac: linkMac(secret, ephemeral.publicKey),
    });
    if (!answered.ok) return answered;
    return await outcome;
  } finally {
    clearTimeout(timer);
    connection.stop();
  }
}
