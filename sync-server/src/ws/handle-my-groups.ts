/** `my-groups`: the groups the member currently belongs to, for a recovered or newly linked device. */
import { MemberId, ok, type MyGroupsFrame } from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handleMyGroups: Handler<MyGroupsFrame> = async (ctx, frame) => {
  const groupIds = await ctx.storage.groupsOf(MemberId.toBytes(ctx.memberId));
  return ok({ frame: { v: 1, type: "groups", id: frame.id, groupIds: [...groupIds] } });
};
