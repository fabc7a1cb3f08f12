/**
 * Client-only (exported from `@porch/shared/sealing`, which the relay may not import): a steward opens
 * its own share of a member's report with its round key pair, checks that the plaintext is bound to
 * this round, this steward's index and the member whose signed report carried it, and gets the share
 * in full: a seed slot (x < t) is expanded from its seed, a full slot read at 61 bits per element.
 *
 * The slot's kind is read from the plaintext's size (64 bytes for a seed; a full share of any vector
 * length is never that size); the relay has already checked every slot's size against the manifest's t
 * (`verifyReport`). A member who puts a seed where a full share belongs gains nothing a member sharing
 * any wrong vector does not (README.md, "poisoning").
 */
import { bytesEqual } from "../bytes.ts";
import type { KeyPair } from "../crypto/identity.ts";
import { openSealedBox } from "../crypto/open-sealed-box.ts";
import { err, ok, type Result } from "../result.ts";
import { elementsByteLength, elementsFromBytes } from "./field.ts";
import { SHARE_SEED_BYTES, seedElements } from "./random.ts";
import { SHARE_BINDING_BYTES, shareBinding, type SealedReport } from "./report.ts";
import type { Share } from "./shamir.ts";

/**
 * Opens share `x` of `report` (x = the steward's 1-based index in the manifest) with its round key pair:
 * `vectorLength` elements (the shared vector's length, `packedLength(layout)`), ready for `addShares`.
 */
export function openShare(report: SealedReport, x: number, roundKeys: KeyPair, vectorLength: number): Result<Share> {
  const sealed = report.shares[x - 1];
  if (sealed === undefined) return err("bad-entry", "no share for this steward");
  const opened = openSealedBox(sealed, roundKeys);
  if (!opened.ok) return opened;
  const plaintext = opened.value;
  if (!bytesEqual(plaintext.subarray(0, SHARE_BINDING_BYTES), shareBinding(report.roundId, x, report.memberId)))
    return err("bad-entry", "share does not belong to this report, round or steward");
  const payload = plaintext.subarray(SHARE_BINDING_BYTES);
  if (payload.length === SHARE_SEED_BYTES) return ok({ x, values: seedElements(payload.slice(), vectorLength) });
  if (payload.length !== elementsByteLength(vectorLength)) return err("bad-entry", "share of the wrong size");
  const values = elementsFromBytes(payload, vectorLength);
  if (values === null) return err("bad-entry", "share value outside the field");
  return ok({ x, values });
}
