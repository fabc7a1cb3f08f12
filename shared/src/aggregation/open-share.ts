/**
 * Client-only (exported from `@porch/shared/sealing`, which the relay may not import): a steward opens
 * its own share of a member's report with its round key pair, and checks that the plaintext names this
 * round, this steward's index and the member whose signed report carried it.
 */
import { decodeCbor } from "../codec.ts";
import { bytesEqual } from "../bytes.ts";
import type { KeyPair } from "../crypto/identity.ts";
import { openSealedBox } from "../crypto/open-sealed-box.ts";
import { err, ok, type Result } from "../result.ts";
import { isElement } from "./field.ts";
import type { SealedReport } from "./report.ts";
import type { Share } from "./shamir.ts";

/** Opens share `x` of `report` (x = the steward's 1-based index in the manifest) with its round key pair. */
export function openShare(report: SealedReport, x: number, roundKeys: KeyPair, vectorLength: number): Result<Share> {
  const sealed = report.shares[x - 1];
  if (sealed === undefined) return err("bad-entry", "no share for this steward");
  const opened = openSealedBox(sealed, roundKeys);
  if (!opened.ok) return opened;
  const decoded = decodeCbor(opened.value);
  if (!Array.isArray(decoded) || decoded.length !== 4) return err("bad-entry", "share plaintext shape");
  const [roundId, index, memberId, packed] = decoded as unknown[];
  if (
    !(roundId instanceof Uint8Array) ||
    !bytesEqual(roundId, report.roundId) ||
    index !== x ||
    memberId !== report.memberId ||
    !(packed instanceof Uint8Array) ||
    packed.length !== vectorLength * 8
  )
    return err("bad-entry", "share does not belong to this report, round or steward");
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const values: bigint[] = [];
  for (let i = 0; i < vectorLength; i++) {
    const v = view.getBigUint64(i * 8, false);
    if (!isElement(v)) return err("bad-entry", "share value outside the field");
    values.push(v);
  }
  return ok({ x, values });
}
