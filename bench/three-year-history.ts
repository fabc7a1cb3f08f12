/**
 * The group-doc-open bench's three-year, 12-member group, written for real: Node devices running the
 * client core (`createPorch`, fake-indexeddb) write it through the public API (`porch.life.*`) against
 * a real relay, on a simulated clock, so a browser device that joins catches up through sync.
 *
 * The shape follows `buildThreeYearDoc` (group-doc-open.ts): 156 weeks, goals with a milestone and
 * weekly progress, check-ins every four weeks with replies, offers through claim and both confirmations. Differences, because every action needs a member's device: three writer devices (Ana, Ben,
 * Cara) act for the group (the nine other members join, then go silent), and there are no lending
 * circles. `scale` multiplies the number of goals and offers (1 = 100 goals, 500 offers).
 */
import type { GroupId } from "@porch/shared";
import {
  disconnect,
  joinNewDevice,
  must,
  openDevice,
  waitFor as waitForDevice,
  type PorchDevice,
} from "./porch-node-client.ts";
import { mulberry32 as seededRandom, pick } from "@porch/testing/seeded-random";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const WEEKS = 156;
const CATS = ["income", "savings", "debt", "education", "housing", "health", "business", "family", "other"] as const;
const OCATS = ["childcare-swap", "rides", "meals", "tools", "skills", "errands", "items", "other"] as const;
/** Waits (20 s at most) until a device sees what another wrote; says what it was waiting for. */
const waitFor = (porch: PorchDevice["porch"], check: () => boolean, what = "sync") =>
  waitForDevice(porch, check, 20_000).catch(() => {
    throw new Error(`history: timed out waiting for ${what} (sync state ${JSON.stringify(porch.sync())})`);
  });
const WORDS = ["rent", "saved", "class", "kids", "bank", "ride", "call", "plan", "job", "soup"];

export interface ThreeYearGroup {
  readonly groupId: GroupId;
  /** Ana's device (the admin): makes invitation links. */
  readonly ana: PorchDevice;
  /** Public API writes that succeeded, by kind. */
  readonly writes: Readonly<Record<string, number>>;
  readonly goals: number;
  readonly buildMs: number;
}

/** Builds the group on the relay at `relayUrl`; logs progress to stderr. */
export async function writeThreeYearGroup(relayUrl: string, scale = 1, seed = 42): Promise<ThreeYearGroup> {
  const r = seededRandom(seed);
  const sentence = (words: number) => Array.from({ length: words }, () => WORDS[pick(r, WORDS.length)]).join(" ");
  const started = performance.now();
  const ana = await openDevice(relayUrl, "Ana");
  const groupId = must(await ana.porch.createGroup("Three-year group"), "createGroup");
  const joinOne = (name: string): Promise<PorchDevice> => joinNewDevice(relayUrl, ana, groupId, name);
  const writers = [ana, await joinOne("Ben"), await joinOne("Cara")];
  for (let i = 3; i < 12; i++) disconnect((await joinOne(`Member ${i}`)).porch);
  for (const w of writers)
    await waitFor(
      w.porch,
      () => (w.porch.group(groupId)?.members.length ?? 0) === 12 && w.porch.sync().kind === "synced",
    );

  const writes: Record<string, number> = {};
  const did = async <T>(
    kind: string,
    result: Promise<{ ok: true; value: T } | { ok: false; code: string }>,
  ): Promise<T> => {
    const value = must(await result, kind);
    writes[kind] = (writes[kind] ?? 0) + 1;
    return value;
  };
  const goalCount = Math.max(1, Math.round(100 * scale));
  const offerCount = Math.round(500 * scale);
  const goals = Array.from({ length: goalCount }, (_, i) => ({
    writer: writers[i % 3]!,
    start: pick(r, 52),
    target: 500 + pick(r, 50) * 100,
    percentOnly: r() < 0.3,
    id: "",
  }));
  let pendingOffers: { id: string; poster: PorchDevice }[] = [];
  let offersMade = 0;

  const realNow = Date.now;
  const start = realNow() - WEEKS * WEEK;
  let fake = start;
  Date.now = () => fake;
  try {
    await did("setRhythm", ana.porch.life.setRhythm(groupId, "monthly", new Date(start).toISOString().slice(0, 10)));
    for (let w = 0; w < WEEKS; w++) {
      fake = start + w * WEEK + 9 * 3_600_000;
      const tick = () => (fake += 1000);
      for (const g of goals) {
        tick();
        if (w === g.start) {
          g.id = await did(
            "addGoal",
            g.writer.porch.life.addGoal(groupId, {
              title: sentence(4),
              category: CATS[pick(r, 9)]!,
              targetAmount: g.target,
              visibility: g.percentOnly ? "percent" : "amounts",
              targetDate: new Date(fake + 365 * DAY).toISOString().slice(0, 10),
            }),
          );
          await did(
            "addMilestone",
            g.writer.porch.life.addMilestone(groupId, g.id, { title: "Half way", targetAmount: g.target / 2 }),
          );
        }
        if (w > g.start)
          await did(
            "addProgress",
            g.writer.porch.life.addProgress(groupId, g.id, {
              amount: Math.min(g.target, (w - g.start) * 10),
              note: r() < 0.3 ? sentence(8) : "",
            }),
          );
      }
      if (w % 4 === 0) {
        for (const [i, writer] of writers.entries()) {
          tick();
          const post = await did(
            "postCheckIn",
            writer.porch.life.postCheckIn(groupId, {
              wins: sentence(12),
              nextSteps: sentence(10),
              asks: r() < 0.5 ? sentence(8) : "",
            }),
          );
          if (r() < 0.5) {
            const replier = writers[(i + 1) % 3]!;
            await waitFor(
              replier.porch,
              () =>
                (replier.porch.life.checkIns(groupId)?.periods ?? []).some((p) => p.posts.some((x) => x.id === post)),
              "a check-in",
            );
            await did("replyToCheckIn", replier.porch.life.replyToCheckIn(groupId, post, sentence(8)));
          }
        }
      }
      // Last week's offers are claimed, confirmed by both parties and thanked by the claimer.
      for (const o of pendingOffers) {
        tick();
        if (r() >= 0.8) continue;
        const claimer = writers[(writers.indexOf(o.poster) + 1 + pick(r, 2)) % 3]!;
        await waitFor(
          claimer.porch,
          () => (claimer.porch.life.offers(groupId) ?? []).some((x) => x.id === o.id),
          "an offer",
        );
        await did("claimOffer", claimer.porch.life.claimOffer(groupId, o.id));
        if (r() >= 0.85) continue;
        await did("confirmOffer", claimer.porch.life.confirmOffer(groupId, o.id, {}));
        await waitFor(
          o.poster.porch,
          () => (o.poster.porch.life.offers(groupId) ?? []).some((x) => x.id === o.id && x.claimant !== null),
          "a claim",
        );
        await did(
          "confirmOffer",
          o.poster.porch.life.confirmOffer(groupId, o.id, {
            hours: 1 + pick(r, 8) / 4,
            dollars: r() < 0.3 ? pick(r, 60) : null,
          }),
        );
        // No thanks: in this run a party's device did not see the other party's confirmation within
        // 20 s (each saw only its own), so "thanks once done" could not be written (README).
      }
      pendingOffers = [];
      const n = Math.round((offerCount * (w + 1)) / WEEKS) - offersMade;
      for (let k = 0; k < n; k++, offersMade++) {
        tick();
        const poster = writers[pick(r, 3)]!;
        const id = await did(
          "postOffer",
          poster.porch.life.postOffer(groupId, {
            kind: r() < 0.6 ? "offer" : "ask",
            category: OCATS[pick(r, 8)]!,
            description: sentence(15),
            when: "weekend",
            expiryDays: 14,
          }),
        );
        pendingOffers.push({ id, poster });
      }
      if ((w + 1) % 13 === 0) {
        const total = Object.values(writes).reduce((a, b) => a + b, 0);
        process.stderr.write(
          `  history: week ${w + 1}/${WEEKS}, ${total} writes, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
        );
      }
    }
  } finally {
    Date.now = realNow;
  }
  for (const w of writers) await waitFor(w.porch, () => w.porch.sync().kind === "synced");
  return { groupId, ana, writes, goals: goalCount, buildMs: performance.now() - started };
}
