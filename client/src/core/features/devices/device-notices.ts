/**
 * Notices between one member's own devices ("a new device was added on …"), so a stolen recovery
 * phrase does not go unnoticed. Each is `crypto_box_seal(CBOR [kind, at, deviceId])` to the member's own
 * X25519 key: the relay stores it for the member's other devices and cannot read it.
 */
import { decodeCbor, DeviceId, encodeCbor, sealToBoxKey, type KeyPair } from "@porch/shared";
import { openSealedBox } from "@porch/shared/sealing";
import type { DeviceNotice } from "../../api/membership-api.ts";

/** Seals a "device added" notice to the member's own box key. */
export function sealDeviceNotice(ownBoxPublicKey: Uint8Array, notice: DeviceNotice): Uint8Array {
  return sealToBoxKey(encodeCbor([notice.kind, notice.at, notice.deviceId]), ownBoxPublicKey);
}

/** Opens a notice with the member's box key pair; null when it does not open or is malformed. */
export function openDeviceNotice(box: KeyPair, sealed: Uint8Array): DeviceNotice | null {
  const plain = openSealedBox(sealed, box);
  if (!plain.ok) return null;
  const fields = decodeCbor(plain.value);
  if (!Array.isArray(fields) || fields.length !== 3) return null;
  const [kind, at, id] = fields as unknown[];
  const deviceId = typeof id === "string" ? DeviceId.parse(id) : null;
  if (kind !== "device-added" || typeof at !== "number" || !Number.isSafeInteger(at) || deviceId === null) return null;
  return { kind, at, deviceId };
}
