/**
 * Membership on real Node devices through a real relay: invitations with notes and lifetimes, roles,
 * removal with inline rotation (the removed device keeps what it had and can read nothing newer),
 * leaving with a successor, revocation, and the events every member sees.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupId } from "@porch/shared";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let ana: NodeDevice;
let ben: NodeDevice;
let cara: NodeDevice;
let groupId: GroupId;

const titles = (d: NodeDevice) => (d.porch.life.goals(groupId) ?? []).map((g) => g.title).sort();

async function member(name: string): Promise<NodeDevice> {
  const d = await nodeDevice(relay.url);
  expect((await d.porch.createProfile(name, "en")).ok).toBe(true);
  return d;
}

async function invite(by: NodeDevice, note?: string): Promise<string> {
  const link = await by.porch.membership.createInvite(groupId, note === undefined ? {} : { note });
  if (!link.ok) throw new Error(link.code);
  return new URL(link.value).hash;
}

beforeAll(async () => {
  relay = await startRelay();
  ana = await member("Ana");
  const created = await ana.porch.createGroup("Maple Street");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
  ben = await member("Ben");
  cara = await member("Cara");
});

afterAll(async () => {
  await relay?.stop();
});

describe("membership you can trust", () => {
  it("Ana invites Ben 'for Ben' for 1 hour; the pending invitation shows its note; Ben joins and everyone reads 'Ben joined (invited by Ana)'", async () => {
    expect((await ana.porch.membership.createInvite(groupId, { ttlMs: 10 * 60 * 1000 })).ok).toBe(false); // under 1 hour
    const link = await ana.porch.membership.createInvite(groupId, { ttlMs: 60 * 60 * 1000, note: "for Ben" });
    if (!link.ok) throw new Error(link.code);
    const pending = ana.porch.membership.view(groupId)?.pendingInvites ?? [];
    expect(pending.map((p) => p.note)).toEqual(["for Ben"]);
    expect(pending[0]!.expiresAt - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);

    expect((await ben.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
    await ana.until(
      () =>
        (ana.porch.membership.view(groupId)?.members.length ?? 0) === 2 &&
        ana.porch.membership.view(groupId)?.pendingInvites.length === 0,
    );
    await ben.until(
      () =>
        ben.porch.membership
          .view(groupId)
          ?.events.some(
            (e) => e.kind === "joined" && e.member.displayName === "Ben" && e.invitedBy?.displayName === "Ana",
          ) === true,
    );
    expect(ben.porch.membership.view(groupId)?.myRole).toBe("member");
    expect(ben.porch.membership.view(groupId)?.pendingInvites).toEqual([]); // only admins see invitations
  });

  it("Ana revokes an invitation; the link then gets 'invite-revoked'", async () => {
    const hash = await invite(ana, "for nobody");
    const pending = ana.porch.membership.view(groupId)!.pendingInvites;
    const id = pending.find((p) => p.note === "for nobody")!.id;
    expect((await ana.porch.membership.revokeInvite(groupId, id)).ok).toBe(true);
    expect(ana.porch.membership.view(groupId)!.pendingInvites.find((p) => p.id === id)).toBeUndefined();
    const eve = await member("Eve");
    const joined = await eve.porch.joinWithInvite(hash);
    expect(joined.ok ? "joined" : joined.code).toBe("invite-revoked");
  });

  it("Ana makes Ben a manager; Ben can invite; the last manager cannot be demoted", async () => {
    expect((await ana.porch.membership.setRole(groupId, ben.porch.profile()!.memberId, "admin")).ok).toBe(true);
    await ben.until(() => ben.porch.membership.view(groupId)?.myRole === "admin");
    expect(
      ben.porch.membership
        .view(groupId)
        ?.events.some((e) => e.kind === "role" && e.role === "admin" && e.by.displayName === "Ana"),
    ).toBe(true);
    const hash = await invite(ben, "for Cara");
    expect((await cara.porch.joinWithInvite(hash)).ok).toBe(true);
    await ana.until(() => ana.porch.membership.view(groupId)?.members.length === 3);
    expect((await ana.porch.membership.setRole(groupId, ben.porch.profile()!.memberId, "member")).ok).toBe(true);
    const demoteLast = await ana.porch.membership.setRole(groupId, ana.porch.profile()!.memberId, "member");
    expect(demoteLast.ok ? "demoted" : demoteLast.code).toBe("last-admin");
  });

  it("Ana removes Cara: Cara's device is told, keeps what it had, the relay refuses it, and it cannot read anything written after", async () => {
    await cara.porch.life.addGoal(groupId, { title: "Cara before removal", category: "savings", targetAmount: null });
    await ana.until(() => titles(ana).includes("Cara before removal"));
    await cara.until(() => cara.porch.sync().kind === "synced");
    const before = titles(cara);
    const caraId = cara.porch.profile()!.memberId;

    expect((await ana.porch.membership.remove(groupId, caraId)).ok).toBe(true);
    await cara.until(() => cara.porch.membership.view(groupId)?.gone === "removed");
    expect(
      ana.porch.membership
        .view(groupId)
        ?.events.some((e) => e.kind === "removed" && e.member.displayName === "Cara" && e.by.displayName === "Ana"),
    ).toBe(true);

    await ana.porch.life.addGoal(groupId, { title: "Secret after removal", category: "family", targetAmount: null });
    await ben.until(() => titles(ben).includes("Secret after removal"));
    // Cara's device still shows what it had, nothing newer, and reports no sync problem.
    expect(titles(cara)).toEqual(before);
    expect(cara.porch.sync().kind).not.toBe("error");
    // It holds no key for the new epoch: the relay's envelopes after removal are sealed under a key Cara never got.
    const refused = cara.received.filter(
      (f) => f.type === "error" && (f.code === "not-a-member" || f.code === "removed-from-group"),
    );
    expect(refused.length).toBeGreaterThan(0);
    const removedCara = await cara.porch.membership.leave(groupId, null);
    expect(removedCara.ok ? "left" : removedCara.code).toBe("removed-from-group");
  });

  it("the last manager leaves naming Ben; Ben becomes a manager and everyone reads 'Ana left'", async () => {
    const benId = ben.porch.profile()!.memberId;
    const alone = await ana.porch.membership.leave(groupId, null);
    expect(alone.ok ? "left" : alone.code).toBe("last-admin");
    expect((await ana.porch.membership.leave(groupId, benId)).ok).toBe(true);
    expect(ana.porch.membership.view(groupId)?.gone).toBe("left");
    await ben.until(
      () =>
        ben.porch.membership.view(groupId)?.myRole === "admin" &&
        ben.porch.membership.view(groupId)?.events.some((e) => e.kind === "left") === true,
    );
    // Ben's device owes and performs the rotation after Ana left; Ben keeps writing.
    await ben.porch.life.addGoal(groupId, { title: "Ben after Ana left", category: "income", targetAmount: 10 });
    await ben.until(() => ben.porch.sync().kind === "synced");
    expect(titles(ben)).toContain("Ben after Ana left");
    // Ana's device, out by choice, received none of it.
    expect(titles(ana)).not.toContain("Ben after Ana left");
  });
});
