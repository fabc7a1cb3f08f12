/**
 * A steward's part in a round, once the batch is frozen: download its sealed shares a page at a time,
 * open and add them, then post the signed partial sum of one part — the counts first, then the values
 * of only the blocks whose count reached the minimum (round-records.ts). The sum is kept by the caller
 * between the two parts, so the shares are downloaded once.
 */
import { err, ok, toBase64Url, type AggRoundState, type Identity, type Result } from "@porch/shared";
import {
  addShares,
  countElements,
  deriveRoundKeys,
  manifestHash,
  packedLength,
  packElements,
  signPartial,
  valueElementsOf,
  vectorLayout,
  verifyFreeze,
  type CohortRecord,
  type PartialPart,
  type RoundManifest,
  type Share,
} from "@porch/shared/aggregation";
import { openShare } from "@porch/shared/sealing";
import type { SyncConnection } from "../../engine/sync-connection.ts";
import { aggCommand, aggRequest } from "./agg-requests.ts";
import type { AgentMeasure } from "./cohort-agent.ts";

export interface StewardDeps {
  readonly connection: SyncConnection;
  readonly identity: Pick<Identity, "signing">;
  readonly measure?: ((m: AgentMeasure) => void) | undefined;
}

/** One part of one round, for steward `x` (1-based) whose round key derives from `roundSeed`. */
export interface StewardPart {
  readonly cohort: CohortRecord;
  /** The call the member's own checks accepted (round-check.ts). */
  readonly call: RoundManifest;
  readonly round: AggRoundState;
  readonly x: number;
  readonly roundSeed: Uint8Array;
  readonly part: PartialPart;
  readonly relayKey: Uint8Array;
}

/**
 * Posts this steward's partial sum of `p.part`, summing its shares first unless `sum` already holds
 * them. Returns the sum (to keep for the next part) or the problem to show.
 */
export async function postPartial(
  deps: StewardDeps,
  p: StewardPart,
  sum: Share | undefined,
): Promise<Result<Share | undefined>> {
  const { round: r, call, x, part } = p;
  const me = r.stewards[x - 1]!;
  if (me.faulty || (part === "counts" ? me.counts : me.values) || r.freeze === null) return ok(sum);
  const freeze = r.freeze;
  // The batch is the one the relay signed at the freeze; a steward adds exactly that.
  const frozen = {
    roundId: call.roundId,
    manifestHash: manifestHash(call),
    batchHash: freeze.batchHash,
    contributors: freeze.contributors,
    groups: freeze.groups,
    aborted: freeze.aborted,
  };
  if (!verifyFreeze(frozen, freeze.signature, p.relayKey)) return err("bad-signature");
  const layout = vectorLayout(p.cohort.rules);
  if (sum === undefined) {
    const added = await sumShares(deps, call.roundId, x, p.roundSeed, packedLength(layout));
    if (!added.ok) return added;
    sum = added.value;
  }
  let elements: number[];
  if (part === "counts") elements = countElements(layout);
  else {
    if (r.valueBlocks === null) return ok(sum);
    elements = valueElementsOf(layout, r.valueBlocks);
  }
  const values = packElements(elements.map((e) => sum.values[e]!));
  const partial = { roundId: call.roundId, batchHash: freeze.batchHash, x, part, values };
  const sent = await aggCommand(deps.connection, {
    type: "agg-partial",
    roundId: call.roundId,
    part,
    values,
    signature: signPartial(partial, deps.identity.signing.privateKey),
  });
  return sent.ok ? ok(sum) : sent;
}

/** Downloads this steward's sealed shares a page at a time, opens each and adds them up. */
async function sumShares(
  deps: StewardDeps,
  roundId: Uint8Array,
  x: number,
  roundSeed: Uint8Array,
  vectorLength: number,
): Promise<Result<Share>> {
  const keys = deriveRoundKeys(roundSeed);
  let sum: Share = { x, values: new Array<bigint>(vectorLength).fill(0n) };
  let after = 0;
  const tally = { downloadMs: 0, openMs: 0, bytes: 0, shares: 0 };
  for (;;) {
    const asked = performance.now();
    const page = await aggRequest(deps.connection, { type: "agg-shares", roundId, after }, "agg-share-page");
    const got = performance.now();
    tally.downloadMs += got - asked;
    if (!page.ok) return page;
    for (const item of page.value.items) {
      tally.bytes += item.share.length;
      tally.shares++;
      const shares = new Array<Uint8Array>(x).fill(new Uint8Array(0));
      shares[x - 1] = item.share;
      const memberId = toBase64Url(item.memberId);
      const share = openShare(
        { roundId, manifestHash: new Uint8Array(32), memberId, shares, signature: new Uint8Array(64) },
        x,
        keys,
        vectorLength,
      );
      if (!share.ok) return err("bad-report", `share of ${memberId} does not open`);
      sum = addShares(sum, share.value);
    }
    tally.openMs += performance.now() - got;
    if (page.value.next === null) {
      deps.measure?.({ kind: "steward", x, ...tally });
      return ok(sum);
    }
    after = page.value.next;
  }
}
