/**
 * `checkpoint-sign`: a member vouches for the checkpoint at `index` (the state after entries
 * 0..index−1). The relay stores the signature only when the member's body hash is that of its own
 * replay of that prefix (`checkpoint-mismatch`: a checkpoint that disagrees with the log is never
 * stored nor served) and the signature verifies over the relay's own body, the signer is a current member and in the checkpoint's roster, and the signature verifies.
 * Once two members of that roster, one an admin, signed it, newcomers get it (handle-invite-lookup.ts).
 */
import {
  MemberId,
  assert,
  blake2b256,
  bytesEqual,
  checkpointBody,
  checkpointComplete,
  checkpointSignatureValid,
  err,
  ok,
  replayLog,
  type CheckpointSignFrame,
  type GroupState,
} from "@porch/shared";
import type { Handler, RequestContext } from "./request-context.ts";

export const handleCheckpointSign: Handler<CheckpointSignFrame> = async (ctx, frame) => {
  const state = await ctx.hub.states.refresh(ctx.storage, frame.groupId);
  if (state === null) return err("group-not-found");
  if (!state.members.has(ctx.memberId)) return err("not-a-member");
  if (frame.index > state.length) return err("checkpoint-mismatch", "index past the log's head");
  const at = frame.index === state.length ? state : await stateAt(ctx, frame.groupId, frame.index);
  const body = checkpointBody(at);
  if (!bytesEqual(blake2b256(body), frame.bodyHash)) return err("checkpoint-mismatch");
  if (!at.members.has(ctx.memberId)) return err("not-a-member", "signer not in the checkpoint's roster");
  const signature = { signer: ctx.memberId, signature: frame.signature };
  if (!checkpointSignatureValid(body, signature)) return err("bad-signature");
  const held = await ctx.storage.addCheckpointSignature(frame.groupId, frame.index, body, {
    signer: MemberId.toBytes(ctx.memberId),
    signature: frame.signature,
  });
  // Every stored signature passed the checks above; completeness is judged against the checkpoint's roster.
  const complete = checkpointComplete(
    at,
    held.map((s) => MemberId.fromBytes(s.signer)!),
  );
  if (complete) await ctx.storage.completeCheckpoint(frame.groupId, frame.index);
  return ok({
    frame: { v: 1, type: "checkpoint-signed", id: frame.id, groupId: frame.groupId, index: frame.index, complete },
  });
};

/** The relay's own replay of the log's first `index` entries (stored entries passed every rule when appended). */
async function stateAt(ctx: RequestContext, groupId: Uint8Array, index: number): Promise<GroupState> {
  const prefix = (await ctx.storage.readLog(groupId, 0)).slice(0, index).map((e) => e.bytes);
  const replayed = replayLog(prefix);
  assert(replayed.ok, "the stored log replays");
  return replayed.value;
}
