/**
 * The invitation card: what the person who follows an invitation link sees before setting up Porch —
 * the group's name, who invited them and the inviter's note. It is sealed under a key derived from the
 * invitation secret (context `porch-in`, subkey 3), which only the link carries, so the relay that
 * stores it beside the invitation cannot read it. Associated data binds it to its group and
 * invitation: a relay cannot serve one invitation's card for another.
 */
import * as v from "valibot";
import { decodeCbor, encodeCbor } from "../codec.ts";
import { concatBytes, randomBytes, utf8 } from "../bytes.ts";
import { err, ok, type Result } from "../result.ts";
import { parseWith } from "../schema-helpers.ts";
import { deriveInviteKeys } from "./identity.ts";
import { pad, unpad } from "./padme.ts";
import { sodium } from "./sodium.ts";
import { MAX_INVITE_CARD_BYTES } from "../protocol/limits.ts";

/** What an invitation link shows before onboarding. */
export interface InviteCard {
  readonly groupName: string;
  readonly inviterName: string;
  /** The inviter's note ("for Maria"), or null. */
  readonly note: string | null;
}

/** Longest text of each card field, in characters (callers bound names and notes well below this). */
const MAX_FIELD = 400;

const Plain = v.strictTuple([
  v.pipe(v.string(), v.maxLength(MAX_FIELD)),
  v.pipe(v.string(), v.maxLength(MAX_FIELD)),
  v.nullable(v.pipe(v.string(), v.maxLength(MAX_FIELD))),
]);

const cardKey = (secret: Uint8Array) => sodium().crypto_kdf_derive_from_key(32, 3, "porch-in", secret);
const associatedData = (secret: Uint8Array, groupId: Uint8Array) =>
  concatBytes(utf8("porch/v1/invite-card"), groupId, deriveInviteKeys(secret).signing.publicKey);

/** Seals `card` for the holder of the invitation secret: nonce (24) ‖ XChaCha20-Poly1305(padded CBOR). */
export function sealInviteCard(secret: Uint8Array, groupId: Uint8Array, card: InviteCard): Uint8Array {
  const clip = (s: string) => s.slice(0, MAX_FIELD);
  const plain = pad(encodeCbor([clip(card.groupName), clip(card.inviterName), card.note && clip(card.note)]));
  const nonce = randomBytes(24);
  const sealed = concatBytes(
    nonce,
    sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
      plain,
      associatedData(secret, groupId),
      null,
      nonce,
      cardKey(secret),
    ),
  );
  if (sealed.length > MAX_INVITE_CARD_BYTES) throw new Error("invitation card exceeds its wire limit");
  return sealed;
}

/** Opens a card with the invitation secret; `decrypt-failed` if it was altered, moved or is malformed. */
export function openInviteCard(secret: Uint8Array, groupId: Uint8Array, sealed: Uint8Array): Result<InviteCard> {
  if (sealed.length < 24 + 16) return err("decrypt-failed", "invitation card too short");
  let padded: Uint8Array;
  try {
    padded = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(24),
      associatedData(secret, groupId),
      sealed.subarray(0, 24),
      cardKey(secret),
    );
  } catch {
    return err("decrypt-failed", "invitation card does not open");
  }
  const plain = unpad(padded);
  const fields = plain === null ? null : parseWith(Plain, decodeCbor(plain));
  if (fields === null) return err("decrypt-failed", "invitation card malformed");
  const [groupName, inviterName, note] = fields;
  return ok({ groupName, inviterName, note: note === null || note === "" ? null : note });
}
