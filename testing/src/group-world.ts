/**
 * A group with a founder and invited members, each with a connected socket, for adversarial stories.
 * `append` moves the tracked head only when the relay accepts; `probe` reads what the relay stored so a
 * refusal can be shown to have changed nothing.
 */
import { expect } from "vitest";
import { MemberId, toBase64Url, type ServerFrame, type SignedEntry } from "@porch/shared";
import type { RelayStorage } from "@porch/sync-server/in-process";
import {
  createEntry,
  everyInviteOf,
  everyMember,
  inviteEntry,
  joinEntry,
  member,
  newGroup,
  type TestGroup,
  type TestMember,
} from "./members.ts";
import { TestClient } from "./test-client.ts";

export interface World {
  readonly group: TestGroup;
  readonly ana: TestMember;
  readonly ben: TestMember;
  readonly cara: TestMember;
  readonly clients: ReadonlyMap<TestMember, TestClient>;
  readonly now: number;
  client(who: TestMember): TestClient;
}

/** Sends an entry; on `appended` the group's head moves to it. */
export async function append(
  client: TestClient,
  group: TestGroup,
  entry: SignedEntry,
  sealedKey?: Uint8Array,
): Promise<ServerFrame> {
  const answer = await client.request({
    type: "append",
    groupId: group.bytes,
    entry: entry.wire,
    ...(sealedKey ? { sealedKey } : {}),
  });
  if (answer.type === "appended") group.head = entry.hash;
  return answer;
}

/** Ana (admin) founds a group; Ben and Cara join as members. Everyone is connected. */
export async function world(url: string, now: number = Date.now()): Promise<World> {
  const ana = member("Ana");
  const ben = member("Ben");
  const cara = member("Cara");
  const group = newGroup();
  const clients = new Map<TestMember, TestClient>();
  for (const who of [ana, ben, cara]) clients.set(who, await TestClient.as(url, who));
  const client = (who: TestMember) => clients.get(who) ?? expect.fail(`${who.name} has no socket`);
  expect(await append(client(ana), group, createEntry(ana, group, now))).toMatchObject({ type: "appended" });
  for (const who of [ben, cara]) {
    const invite = inviteEntry(ana, group, now);
    expect(await append(client(ana), group, invite.entry, invite.sealedKey)).toMatchObject({ type: "appended" });
    expect(await append(client(who), group, joinEntry(who, group, invite, now))).toMatchObject({ type: "appended" });
  }
  return { group, ana, ben, cara, clients, now, client };
}

/** What the relay holds for a group, as far as a refusal could have touched it. */
export interface Probe {
  readonly length: number;
  readonly head: Uint8Array | null;
  /** The envelope seq. */
  readonly headSeq: number;
  /** Which of the group's invitations (every one this file made) still have a sealed key stored. */
  readonly inviteKeys: readonly string[];
  /** The member → groups index, for every member this file made who is in any group (base64url ids). */
  readonly groupsOf: Readonly<Record<string, readonly string[]>>;
}

/**
 * Reads the log length and head, the envelope seq, the invitation keys and the member → groups
 * index, so a refusal that nevertheless deleted a key or moved the roster shows up as a difference.
 */
export async function probe(storage: RelayStorage, group: TestGroup): Promise<Probe> {
  const log = await storage.readLog(group.bytes, 0);
  const inviteKeys: string[] = [];
  for (const id of everyInviteOf(group))
    if (await storage.hasInviteKey(group.bytes, id)) inviteKeys.push(toBase64Url(id));
  const groupsOf: Record<string, string[]> = {};
  for (const who of everyMember()) {
    const groups = await storage.groupsOf(MemberId.toBytes(who.identity.memberId));
    // Members made after the first probe and in no group leave no trace, so they compare equal.
    if (groups.length > 0) groupsOf[who.identity.memberId] = groups.map(toBase64Url);
  }
  return {
    length: log.length,
    head: log.at(-1)?.hash ?? null,
    headSeq: (await storage.readSince(group.bytes, 0)).headSeq,
    inviteKeys,
    groupsOf,
  };
}

/** The refusal code of an answer, or its type when accepted. */
export const outcome = (frame: ServerFrame): string => (frame.type === "error" ? frame.code : frame.type);
