import { describe, expect, it } from "vitest";
import { GroupId, randomBytes } from "@porch/shared";
import { makeInviteLink, parseInviteFragment } from "./invite-link.ts";

describe("invitation links", () => {
  it("Ana's link carries the group and the secret only after #, and Ben's device reads them back", () => {
    const groupId = GroupId.random();
    const secret = randomBytes(32);
    const link = makeInviteLink("https://porch.example", groupId, secret);
    const url = new URL(link);
    expect(url.pathname + url.search).toBe("/");
    const parsed = parseInviteFragment(url.hash);
    expect(parsed?.groupId).toBe(groupId);
    expect(parsed?.secret).toEqual(secret);
    expect(parseInviteFragment(link)?.groupId).toBe(groupId);
  });

  it.each([["#/join/"], ["#/join/abc.def"], ["#/group/x"], [""], ["#/join/" + "A".repeat(22) + "." + "B".repeat(42)]])(
    "refuses %j",
    (text) => {
      expect(parseInviteFragment(text)).toBeNull();
    },
  );
});
