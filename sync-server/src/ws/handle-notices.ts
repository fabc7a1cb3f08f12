/**
 * `notice-post` / `notices`: sealed notes from a member's device to the member's own other devices
 * ("a new device was added on …"), so a stolen recovery phrase does not go unnoticed. The relay only
 * stores and lists them; it cannot read them.
 */
import { MAX_NOTICES_PER_MEMBER, MemberId, ok, type NoticePostFrame, type NoticesFrame } from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handleNoticePost: Handler<NoticePostFrame> = async (ctx, frame) => {
  await ctx.storage.postNotice(MemberId.toBytes(ctx.memberId), frame.sealed, ctx.now(), MAX_NOTICES_PER_MEMBER);
  return ok({ frame: { v: 1, type: "notice-posted", id: frame.id } });
};

export const handleNotices: Handler<NoticesFrame> = async (ctx, frame) => {
  const notices = await ctx.storage.readNotices(MemberId.toBytes(ctx.memberId), frame.after);
  return ok({
    frame: {
      v: 1,
      type: "notice-list",
      id: frame.id,
      notices: notices.map((n) => ({ seq: n.seq, sealed: n.sealed, time: n.time })),
    },
  });
};
