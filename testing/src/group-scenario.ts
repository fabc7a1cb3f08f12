/** The common opening of many stories: Ana founds a group and Ben joins through an invitation. */
import { expect } from "vitest";
import { member, newGroup, createEntry, inviteEntry, joinEntry, type TestGroup, type TestMember } from "./members.ts";
import { TestClient } from "./test-client.ts";

export interface AnaAndBen {
  readonly ana: TestMember;
  readonly ben: TestMember;
  readonly group: TestGroup;
  readonly anaClient: TestClient;
  readonly benClient: TestClient;
}

/** Ana creates a group and invites Ben, who joins. Both are connected and authenticated. */
export async function anaAndBenInAGroup(url: string, now: number = Date.now()): Promise<AnaAndBen> {
  const ana = member("Ana");
  const ben = member("Ben");
  const group = newGroup();
  const anaClient = await TestClient.as(url, ana);
  const benClient = await TestClient.as(url, ben);

  const create = createEntry(ana, group, now);
  expect(await anaClient.request({ type: "append", groupId: group.bytes, entry: create.wire })).toMatchObject({
    type: "appended",
    index: 0,
  });
  group.head = create.hash;
  const invite = inviteEntry(ana, group, now);
  expect(
    await anaClient.request({
      type: "append",
      groupId: group.bytes,
      entry: invite.entry.wire,
      sealedKey: invite.sealedKey,
    }),
  ).toMatchObject({ type: "appended", index: 1 });
  group.head = invite.entry.hash;
  const join = joinEntry(ben, group, invite, now);
  expect(await benClient.request({ type: "append", groupId: group.bytes, entry: join.wire })).toMatchObject({
    type: "appended",
    index: 2,
  });
  group.head = join.hash;
  return { ana, ben, group, anaClient, benClient };
}
