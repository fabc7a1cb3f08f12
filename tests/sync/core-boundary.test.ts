/**
 * The worker boundary, in Node: Ben's UI reaches his core only through RemotePorch ⇄ serveCore over a
 * MessageChannel, exactly as the PWA's main thread reaches its worker. Ana uses her core in-process.
 * Every read Ben makes is a snapshot his core sent; every write is a command.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupId } from "@porch/shared";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let ana: NodeDevice;
let ben: NodeDevice;
let groupId: GroupId;

const titles = (d: NodeDevice) => (d.porch.life.goals(groupId) ?? []).map((g) => g.title).sort();

beforeAll(async () => {
  relay = await startRelay();
  ana = await nodeDevice(relay.url);
  await ana.porch.createProfile("Ana", "en");
  const created = await ana.porch.createGroup("Maple Street");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
  ben = await nodeDevice(relay.url, undefined, { throughBoundary: true });
});

afterAll(async () => {
  await Promise.all([ana?.close(), ben?.close()]);
  await relay?.stop();
});

describe("Ben's UI talks to his core through the boundary", () => {
  it("before onboarding the snapshot has no profile; after createProfile resolves, it has one", async () => {
    expect(ben.porch.profile()).toBeNull();
    const made = await ben.porch.createProfile("Ben", "es");
    expect(made.ok && made.value.recoveryPhrase.split(" ").length).toBe(24);
    // The snapshot that includes the change arrives before the reply.
    expect(ben.porch.profile()).toMatchObject({ displayName: "Ben", lang: "es" });
  });

  it("Ben joins Ana's group with her link and adds a goal; the view he reads right after includes it; Ana gets it", async () => {
    const link = await ana.porch.createInviteLink(groupId);
    if (!link.ok) throw new Error(link.code);
    const joined = await ben.porch.joinWithInvite(new URL(link.value).hash);
    expect(joined.ok ? joined.value : joined.code).toBe(groupId);
    expect(ben.porch.groups().map((g) => g.groupId)).toEqual([groupId]);
    const added = await ben.porch.life.addGoal(groupId, {
      title: "Finish GED",
      category: "education",
      targetAmount: null,
    });
    expect(added.ok).toBe(true);
    expect(titles(ben)).toEqual(["Finish GED"]);
    await ana.until(() => titles(ana).includes("Finish GED"));
    await ana.porch.life.addGoal(groupId, { title: "Emergency fund", category: "savings", targetAmount: 1500 });
    await ben.until(() => titles(ben).length === 2);
    expect(titles(ben)).toEqual(["Emergency fund", "Finish GED"]);
    expect(
      ben.porch.membership
        .view(groupId)
        ?.members.map((m) => m.displayName)
        .sort(),
    ).toEqual(["Ana", "Ben"]);
  });

  it("bad input comes back as the same coded Result it would in-process", async () => {
    const refused = await ben.porch.life.addGoal(groupId, { title: "", category: "savings", targetAmount: null });
    expect(refused).toMatchObject({ ok: false, code: "bad-entry", detail: "title-required" });
    const csv = await ben.porch.life.circleCsv(groupId, "no-such-circle");
    expect(csv).toMatchObject({ ok: false, code: "bad-entry", detail: "circle-not-found" });
  });

  it("derived reads (offer filters) answer from the snapshot as the in-process core answers from the document", async () => {
    const posted = await ben.porch.life.postOffer(groupId, {
      kind: "offer",
      category: "rides",
      description: "Rides to the clinic",
      when: "",
      expiryDays: 7,
    });
    if (!posted.ok) throw new Error(posted.code);
    await ana.until(() => (ana.porch.life.offers(groupId, { show: "all" }) ?? []).length === 1);
    const ids = (d: NodeDevice, filter: Parameters<NodeDevice["porch"]["life"]["offers"]>[1]) =>
      d.porch.life.offers(groupId, filter)?.map((o) => o.id);
    expect(ids(ben, {})).toEqual([posted.value]);
    expect(ids(ben, { mine: true })).toEqual([posted.value]);
    expect(ids(ben, { category: "meals" })).toEqual([]);
    expect(ids(ana, { mine: true })).toEqual([]);
    expect(ids(ana, { category: "rides" })).toEqual([posted.value]);
  });
});
