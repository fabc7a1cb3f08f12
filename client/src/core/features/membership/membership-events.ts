/**
 * What everyone in a group sees happen to its membership ("Ben joined (invited by Ana)"), derived
 * from the validated log; names come from the sealed document. Pure.
 */
import { blake2b256, decodeEntry, MemberId, toBase64Url } from "@porch/shared";
import type { MembershipEvent, Named } from "../../api/membership-api.ts";

/** Events from log entries (already validated by `applyEntry`), oldest first. */
export function membershipEvents(
  log: readonly Uint8Array[],
  nameOf: (memberId: MemberId) => string,
): MembershipEvent[] {
  const named = (memberId: MemberId): Named => ({ memberId, displayName: nameOf(memberId) });
  const inviteAuthors = new Map<string, MemberId>();
  const events: MembershipEvent[] = [];
  for (const wire of log) {
    const entry = decodeEntry(wire);
    if (entry === null) continue;
    const at = entry.time;
    switch (entry.type) {
      case "create":
        events.push({ kind: "created", at, by: named(entry.author) });
        break;
      case "invite":
        inviteAuthors.set(toBase64Url(blake2b256(entry.body)), entry.author);
        break;
      case "join": {
        const by = inviteAuthors.get(toBase64Url(entry.payload.invite));
        events.push({
          kind: "joined",
          at,
          member: named(entry.author),
          invitedBy: by === undefined ? null : named(by),
        });
        break;
      }
      case "remove":
        events.push({
          kind: "removed",
          at,
          member: named(MemberId.fromBytes(entry.payload.member)!),
          by: named(entry.author),
        });
        break;
      case "leave":
        events.push({ kind: "left", at, member: named(entry.author) });
        break;
      case "set-role":
        events.push({
          kind: "role",
          at,
          member: named(MemberId.fromBytes(entry.payload.member)!),
          by: named(entry.author),
          role: entry.payload.role,
        });
        break;
      default:
        break; // rotations and revocations change keys, not people
    }
  }
  return events;
}
