/**
 * The steps that move a round from one phase to the next, whoever triggers them (a request, the
 * organization's `agg-advance`, or a deadline): close volunteering, draw the stewards, freeze the
 * batch, finish a part of the partial sums (naming a wrong steward), publish, abort. Each runs inside
 * the round's queue (round-service.ts) and writes through storage's compare-and-set on the phase.
 */
import { assert, encodeCbor, fromBase64Url, toBase64Url } from "@porch/shared";
import {
  batchHash,
  checkPartials,
  drawStewards,
  lotterySeed,
  manifestHash,
  packElements,
  publishRelease,
  signFreeze,
  signRelease,
  unpackElements,
  type PartialPart,
  type RoundManifest,
} from "@porch/shared/aggregation";
import type { RoundChange } from "../storage/aggregation-storage.ts";
import type { LoadedRound, RoundService } from "./round-service.ts";

/** Moves the round from its current phase; a lost compare-and-set is a bug (the round's queue orders every change). */
async function move(service: RoundService, r: LoadedRound, change: RoundChange): Promise<void> {
  const moved = await service.storage.updateRound(r.stored.roundId, r.stored.phase, change);
  assert(moved, `round left ${r.stored.phase} outside its queue`);
  service.markChanged(r.cohort.stored.cohortId, true, change.phase);
}

/** The round ends without a release; its sealed shares are deleted (storage). */
export const abort = (service: RoundService, r: LoadedRound, reason: string): Promise<void> =>
  move(service, r, { phase: "aborted", aborted: reason });

/** Volunteering closes: reveals are next, unless nobody volunteered. */
export async function closeVolunteering(service: RoundService, r: LoadedRound): Promise<void> {
  const volunteers = await service.storage.volunteers(r.stored.roundId);
  if (volunteers.length === 0) return abort(service, r, "too-few-stewards");
  return move(service, r, { phase: "revealing" });
}

/**
 * The lottery (lottery.ts) over the volunteers who revealed: k stewards from k different groups,
 * x = 1..k in member-id order, or an abort when there are not enough.
 */
export async function draw(service: RoundService, r: LoadedRound): Promise<void> {
  const revealed = (await service.storage.volunteers(r.stored.roundId)).flatMap((v) =>
    v.nonce === null ? [] : [{ memberId: toBase64Url(v.memberId), groupId: toBase64Url(v.groupId), nonce: v.nonce }],
  );
  const drawn = drawStewards(revealed, lotterySeed(revealed.map((v) => v.nonce)), r.call.k);
  if (drawn.length < r.call.k) return abort(service, r, "too-few-stewards");
  const stewards = drawn.map((s, i) => ({ x: i + 1, memberId: bytesOf(s.memberId), groupId: bytesOf(s.groupId) }));
  const moved = await service.storage.setStewards(r.stored.roundId, stewards);
  assert(moved, "round left revealing outside its queue");
  service.markChanged(r.cohort.stored.cohortId, true, "accepting");
}

/** Every steward accepted: the round opens for reports. */
export const openForReports = (service: RoundService, r: LoadedRound): Promise<void> =>
  move(service, r, { phase: "open" });

/** The round's manifest: its call and the stewards with the round keys they accepted with. */
export async function manifestOf(service: RoundService, r: LoadedRound): Promise<RoundManifest> {
  const stewards = await service.storage.stewards(r.stored.roundId);
  return {
    ...r.call,
    stewards: stewards.map((s) => ({
      memberId: toBase64Url(s.memberId),
      groupId: toBase64Url(s.groupId),
      roundKey: s.roundKey ?? new Uint8Array(0),
    })),
  };
}

/**
 * Reports close: the batch is what is stored. Too few contributors or groups aborts the round (the
 * relay still signs the freeze, so everyone can see why); otherwise the stewards' counts part is next.
 */
export async function freeze(service: RoundService, r: LoadedRound): Promise<void> {
  const reports = await service.storage.reports(r.stored.roundId);
  const items = reports.map((x) => ({
    memberId: toBase64Url(x.memberId),
    groupId: toBase64Url(x.groupId),
    reportHash: x.reportHash,
  }));
  const contributors = items.length;
  const groups = new Set(items.map((i) => i.groupId)).size;
  const aborted =
    contributors < r.call.minContributors
      ? "too-few-contributors"
      : groups < r.call.minGroups
        ? "too-few-groups"
        : null;
  const record = {
    roundId: r.stored.roundId,
    manifestHash: manifestHash(await manifestOf(service, r)),
    batchHash: batchHash(items),
    contributors,
    groups,
    aborted,
  };
  const signature = signFreeze(record, (await service.relayKey()).privateKey);
  const stored = { batchHash: record.batchHash, contributors, groups, aborted, signature };
  return move(
    service,
    r,
    aborted === null ? { phase: "counts", freeze: stored } : { phase: "aborted", aborted, freeze: stored },
  );
}

/**
 * Rebuilds a part from the partials of the stewards not found faulty (check-partials.ts). A steward
 * the check names is marked faulty and left out, and the check runs again; a disagreement nobody can
 * be named for, or fewer than t partials, aborts. The counts part opens the values part; the values
 * part publishes the release (publish.ts), signed by the relay.
 */
export async function finishPart(service: RoundService, r: LoadedRound, part: PartialPart): Promise<void> {
  const id = r.stored.roundId;
  const faulty = new Set((await service.storage.stewards(id)).filter((s) => s.faulty).map((s) => s.x));
  let shares = (await service.storage.partials(id, part))
    .filter((p) => !faulty.has(p.x))
    .map((p) => ({ x: p.x, values: unpackElements(p.elements) ?? [] }));
  for (;;) {
    const checked = checkPartials(shares, r.call.t, r.call.k);
    if (checked.ok) return part === "counts" ? finishCounts(service, r, checked.sum) : publish(service, r, checked.sum);
    if (checked.code === "too-few-partials") return abort(service, r, "too-few-partials");
    const named = checked.code === "malformed-partial" ? checked.x : checked.steward;
    if (named === null) return abort(service, r, "partials-disagree");
    await service.storage.markFaulty(id, named, part);
    service.markChanged(r.cohort.stored.cohortId);
    shares = shares.filter((s) => s.x !== named);
  }
}

const finishCounts = (service: RoundService, r: LoadedRound, sum: readonly bigint[]): Promise<void> =>
  move(service, r, { phase: "values", counts: packElements(sum) });

async function publish(service: RoundService, r: LoadedRound, sum: readonly bigint[]): Promise<void> {
  const { stored, cohort } = r;
  const counts = stored.counts === null ? null : unpackElements(stored.counts);
  assert(counts !== null && stored.freeze !== null, "values are finished after the counts and the freeze");
  const perGroup = new Map<string, number>();
  for (const report of await service.storage.reports(stored.roundId)) {
    const g = toBase64Url(report.groupId);
    perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
  }
  const published = publishRelease(
    cohort.layout,
    { contributors: stored.freeze.contributors, groups: [...perGroup.values()] },
    counts,
    sum,
    r.call.minContributors,
    cohort.record.disclosure,
  );
  if (!published.ok) return abort(service, r, published.reason);
  const bytes = encodeCbor(published.disclosure);
  const signature = signRelease(stored.roundId, stored.freeze.batchHash, bytes, (await service.relayKey()).privateKey);
  return move(service, r, { phase: "published", sums: packElements(sum), release: { bytes, signature } });
}

function bytesOf(id: string): Uint8Array {
  const bytes = fromBase64Url(id);
  assert(bytes !== null, "ids from storage are base64url");
  return bytes;
}
