/**
 * Playing a round's steward against a real relay: read every sealed share of the frozen batch a page
 * at a time (`agg-shares`), open each with the steward's round key (`openShare`, from
 * `@porch/shared/sealing`, which the relay's own source may not import — its tests reach it only
 * through this workspace), add them up, and sign one part of the partial sum.
 */
import { toBase64Url, type KeyPair } from "@porch/shared";
import { add, packElements, signPartial, type PartialPart, type SealedReport } from "@porch/shared/aggregation";
import { openShare } from "@porch/shared/sealing";
import type { TestClient } from "./test-client.ts";

/** One sealed share as `agg-share-page` lists it. */
export interface ShareItem {
  readonly memberId: Uint8Array;
  readonly share: Uint8Array;
}

/** Every share page of the steward's, from the first; also returns how many pages it took. */
export async function readAllShares(
  client: TestClient,
  roundId: Uint8Array,
): Promise<{ readonly items: ShareItem[]; readonly pages: number }> {
  const items: ShareItem[] = [];
  let after: number | null = 0;
  let pages = 0;
  while (after !== null) {
    const page = await client.request({ type: "agg-shares", roundId, after });
    if (page.type !== "agg-share-page") throw new Error(`expected a share page, got ${JSON.stringify(page)}`);
    items.push(...page.items);
    after = page.next;
    pages++;
  }
  return { items, pages };
}

/** Opens every share with steward x's round key pair and adds them: the steward's share of the sum. */
export function stewardSum(
  items: readonly ShareItem[],
  roundId: Uint8Array,
  x: number,
  roundKeys: KeyPair,
  vectorLength: number,
): bigint[] {
  let sum = new Array<bigint>(vectorLength).fill(0n);
  for (const item of items) {
    const shares: Uint8Array[] = [];
    shares[x - 1] = item.share;
    const report: SealedReport = {
      roundId,
      manifestHash: new Uint8Array(32),
      memberId: toBase64Url(item.memberId),
      shares,
      signature: new Uint8Array(64),
    };
    const opened = openShare(report, x, roundKeys, vectorLength);
    if (!opened.ok) throw new Error(`steward ${x} could not open a share: ${opened.code}`);
    sum = sum.map((v, i) => add(v, opened.value.values[i]!));
  }
  return sum;
}

/** The `agg-partial` request for one part: the sum's coordinates of that part, signed by the steward. */
export function partialRequest(
  sum: readonly bigint[],
  coordinates: readonly number[],
  part: PartialPart,
  round: { readonly roundId: Uint8Array; readonly batchHash: Uint8Array; readonly x: number },
  signingKey: Uint8Array,
  tamper: (values: bigint[]) => bigint[] = (v) => v,
) {
  const values = packElements(tamper(coordinates.map((c) => sum[c]!)));
  const signature = signPartial({ ...round, part, values }, signingKey);
  return { type: "agg-partial" as const, roundId: round.roundId, part, values, signature };
}
