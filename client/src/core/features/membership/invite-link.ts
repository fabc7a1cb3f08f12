/**
 * Invitation links carry the invitation secret only in the URL fragment (`#/join/…`), which browsers
 * never send to a server. Form: `<origin>/#/join/<groupId>.<secret>` (both base64url).
 */
import { fromBase64Url, GroupId, toBase64Url } from "@porch/shared";

/** The link a member sends to a friend. */
export function makeInviteLink(origin: string, groupId: GroupId, secret: Uint8Array): string {
  return `${origin}/#/join/${groupId}.${toBase64Url(secret)}`;
}

/** Reads a link's fragment (`location.hash`) or a whole link; null if it is not an invitation. */
export function parseInviteFragment(text: string): { readonly groupId: GroupId; readonly secret: Uint8Array } | null {
  const match = /#\/join\/([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\/?$/.exec(text.trim());
  if (match === null) return null;
  const groupId = GroupId.parse(match[1]);
  const secret = fromBase64Url(match[2] ?? "");
  return groupId !== null && secret !== null && secret.length === 32 ? { groupId, secret } : null;
}
