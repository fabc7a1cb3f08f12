/**
 * Reading an invitation before using it: the group's public log and the invitation's sealed card
 * (group name, inviter, note), proven with the key only the link's secret derives. Before this device
 * has an account the lookup runs on a socket of its own under a throwaway identity (as a new device
 * answering a second-device link does), so the relay learns nothing it would not learn at the join,
 * and without the secret nobody can ask about an invitation at all: the lookup key derives from it.
 */
import {
  bytesEqual,
  deriveIdentity,
  deriveInviteKeys,
  DeviceId,
  err,
  GroupId,
  inviteLookupMessage,
  ok,
  randomBytes,
  replayFromCheckpoint,
  replayLog,
  signWithContext,
  type GroupState,
  type InviteRecord,
  type Result,
} from "@porch/shared";
import { openInviteCard } from "@porch/shared/sealing";
import { RelayConnection } from "../../engine/relay-connection.ts";
import type { InvitePreview } from "../../api/porch-api.ts";

/** The invitation as the log shows it, and its card (still sealed) if the inviter left one. */
export interface FoundInvite {
  /** The newest checkpoint two members signed, when the relay served one; `log` then starts after it. */
  readonly checkpoint: Uint8Array | null;
  readonly log: Uint8Array[];
  readonly state: GroupState;
  readonly inviteHash: string;
  readonly record: InviteRecord;
  readonly card: Uint8Array | null;
}

/**
 * Looks the invitation up on an authenticated connection and checks what the relay answered against
 * the log itself (used, revoked, expired), so a relay cannot pass off a dead invitation as open.
 */
export async function lookupInvite(
  connection: RelayConnection,
  groupId: GroupId,
  secret: Uint8Array,
  now: number,
): Promise<Result<FoundInvite>> {
  const invite = deriveInviteKeys(secret);
  const nonce = connection.challengeNonce;
  if (nonce === null) return err("offline");
  const groupBytes = GroupId.toBytes(groupId);
  const proof = signWithContext("inviteLookup", inviteLookupMessage(nonce, groupBytes), invite.signing.privateKey);
  const answer = await connection.request({
    v: 1,
    type: "invite-lookup",
    groupId: groupBytes,
    inviteKey: invite.signing.publicKey,
    proof,
  });
  if (!answer.ok) return answer;
  if (answer.value.type !== "log") return err("internal");
  const log = answer.value.entries;
  const checkpoint = answer.value.checkpoint ?? null;
  // From a checkpoint two members signed, then the entries after it; or the whole log.
  const state = replayOffered(groupId, checkpoint, log);
  if (!state.ok) return state;
  const found = [...state.value.invites].find(([, record]) => bytesEqual(record.inviteKey, invite.signing.publicKey));
  if (found === undefined) return err("invite-not-found");
  const [inviteHash, record] = found;
  if (record.used) return err("invite-used");
  if (record.revoked) return err("invite-revoked");
  if (record.expiresAt <= now) return err("invite-expired");
  return ok({ checkpoint, log, state: state.value, inviteHash, record, card: answer.value.inviteCard ?? null });
}

/** The state the relay's answer describes: from a checkpoint two members signed and the entries after it, or the whole log. */
function replayOffered(
  groupId: GroupId,
  checkpoint: Uint8Array | null,
  log: readonly Uint8Array[],
): Result<GroupState> {
  if (checkpoint === null) return replayLog(log);
  const replayed = replayFromCheckpoint(checkpoint, groupId, log);
  return replayed.ok ? ok(replayed.value.state) : replayed;
}

/** Opens the found invitation's card; names are null when there is none (an older inviter's app). */
export function previewOf(found: FoundInvite, groupId: GroupId, secret: Uint8Array): InvitePreview {
  const opened = found.card === null ? null : openInviteCard(secret, GroupId.toBytes(groupId), found.card);
  const card = opened?.ok ? opened.value : null;
  return {
    groupName: card?.groupName || null,
    inviterName: card?.inviterName || null,
    note: card?.note ?? null,
    expiresAt: found.record.expiresAt,
  };
}

/** How the throwaway socket reaches the relay. */
export interface LookupTransport {
  readonly url: string;
  readonly WebSocketImpl?: typeof WebSocket;
  /** How long to wait for the relay before answering `offline` (default 10 s). */
  readonly timeoutMs?: number;
}

/** Previews an invitation from a device with no account yet: a throwaway identity, one lookup, closed. */
export async function previewWithoutAccount(
  transport: LookupTransport,
  groupId: GroupId,
  secret: Uint8Array,
  now: number,
): Promise<Result<InvitePreview>> {
  let ready: () => void = () => undefined;
  const online = new Promise<void>((resolve) => (ready = resolve));
  const connection = new RelayConnection({
    url: transport.url,
    identity: deriveIdentity(randomBytes(32)), // throwaway: never used again, tied to nothing
    deviceId: DeviceId.random(),
    ...(transport.WebSocketImpl ? { WebSocketImpl: transport.WebSocketImpl } : {}),
    onLive: () => undefined,
    onState: () => undefined,
    onReady: () => ready(),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<"timeout">(
    (resolve) => (timer = setTimeout(() => resolve("timeout"), transport.timeoutMs ?? 10_000)),
  );
  connection.start();
  try {
    if ((await Promise.race([online.then(() => "online" as const), gaveUp])) === "timeout") return err("offline");
    const found = await lookupInvite(connection, groupId, secret, now);
    return found.ok ? ok(previewOf(found.value, groupId, secret)) : found;
  } finally {
    clearTimeout(timer);
    connection.stop();
  }
}
