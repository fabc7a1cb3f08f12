/**
 * Issue 3's benchmark: (a) the cost of a key rotation for groups of 5, 15 and 50 members — bytes the
 * `rotate` (and a `remove`) entry adds to the log, time to build it on the admin's device and time to
 * apply it on a receiving member — against per-operation baselines measured in the same run; (b) the
 * catch-up of a member joining a 12-member group with two years of weekly activity, through the real
 * client core and the real relay, against a plain `Automerge.load()` of the same document.
 * Prints figures; never fails on time. Fixed seeds.
 */
import * as A from "@automerge/automerge";
import {
  applyEntry,
  decodeEntry,
  deriveIdentity,
  deriveInviteKeys,
  GroupId,
  keyCommitment,
  MemberId,
  parseClientFrame,
  parseEnvelope,
  parseServerFrame,
  readySodium,
  sealLockbox,
  signEntry,
  signWithContext,
  verifyWithContext,
  type EntryType,
  type GroupState,
  type Identity,
  type Payload,
  type SignedEntry,
} from "@porch/shared";
import { openLockbox, openPreviousKey } from "@porch/shared/sealing";
import { GroupKeys } from "../client/src/core/features/membership/group-keys.ts";
import {
  disconnect,
  documentOf,
  joinNewDevice,
  must,
  openDevice,
  waitFor,
  whenSynced,
  type GroupId as Gid,
  type PorchApi,
  type PorchDevice,
} from "./porch-node-client.ts";
import { mulberry32 as seededRandom } from "@porch/testing/seeded-random";
import { kb, ms, printTable, summarize } from "./stats.ts";

const SEED = 3;
const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** Runs both parts. `reps`: repetitions per micro-measure (p50 reported). */
export async function benchRotation(
  relayUrl: string,
  reps = Number(process.env.BENCH_ROTATION_REPS ?? 50),
): Promise<void> {
  await readySodium();
  benchRotationCost(reps);
  await benchJoinWithHistory(relayUrl, Number(process.env.BENCH_HISTORY_WEEKS ?? 104));
}

// ---------------------------------------------------------------------------------------------
// (a) Rotation cost

const time = (fn: () => void, reps: number): number[] => {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
};
const p50 = (sample: number[]) => summarize(sample).p50;
/** Microseconds-level figures read better with three decimals. */
const ms3 = (x: number) => x.toFixed(3);

/** A group of `n` members built entry by entry (create, then invite + join per member), fixed seeds. */
function buildGroup(
  n: number,
  seed: number,
): { groupId: GroupId; members: Identity[]; log: Uint8Array[]; state: GroupState; key0: Uint8Array } {
  const random = seededRandom(seed);
  const bytes = (len: number) => Uint8Array.from({ length: len }, () => Math.floor(random() * 256));
  const groupId = GroupId.fromBytes(bytes(16))!;
  const members = Array.from({ length: n }, () => deriveIdentity(bytes(32)));
  const key0 = bytes(32);
  const founder = members[0]!;
  const log: Uint8Array[] = [];
  let state: GroupState | null = null;
  const push = (entry: SignedEntry) => {
    const applied = applyEntry(state, entry.wire);
    if (!applied.ok) throw new Error(`building the group failed: ${applied.code}`);
    state = applied.value.state;
    log.push(entry.wire);
  };
  const sign = <T extends EntryType>(author: Identity, type: T, payload: Payload<T>, cosigner?: Uint8Array) =>
    signEntry(
      {
        type,
        groupId,
        prev: state?.head ?? null,
        author: author.memberId,
        time: (state?.headTime ?? T0) + 1000,
        payload,
      },
      author.signing.privateKey,
      cosigner,
    );
  push(
    sign(founder, "create", {
      epochCommit: keyCommitment(key0, groupId, 0),
      boxKey: founder.box.publicKey,
      lockbox: sealLockbox(groupId, 0, MemberId.toBytes(founder.memberId), founder.box.publicKey, key0),
    }),
  );
  for (const joiner of members.slice(1)) {
    const inv = deriveInviteKeys(bytes(32));
    const invite = sign(founder, "invite", {
      inviteKey: inv.signing.publicKey,
      inviteBoxKey: inv.box.publicKey,
      expiresAt: state!.headTime + 72 * HOUR,
      role: "member",
    });
    push(invite);
    push(sign(joiner, "join", { invite: invite.hash, boxKey: joiner.box.publicKey }, inv.signing.privateKey));
  }
  return { groupId, members, log, state: state!, key0 };
}

function benchRotationCost(reps: number): void {
  console.log(`\n## Rotation cost (seed ${SEED}; p50 of ${reps} runs each; one process, libsodium wasm)\n`);
  const rows: (string | number)[][] = [];
  const baseRows: (string | number)[][] = [];
  for (const n of [5, 15, 50]) {
    const g = buildGroup(n, SEED * 1000 + n);
    const admin = g.members[0]!;
    const receiver = g.members[1]!;
    const adminKeys = must(GroupKeys.fromLog(g.groupId, admin, g.log, new Map([[0, g.key0]])), "GroupKeys.fromLog");
    const logBytes = g.log.reduce((s, w) => s + w.length, 0);

    // Create: what an admin's device does (key generation, n lockboxes, commitment, previous key sealed, signEntry).
    let built = adminKeys.buildRotation(T0 + HOUR)!;
    const createMs = time(() => (built = adminKeys.buildRotation(T0 + HOUR)!), reps);
    const removed = adminKeys.buildRotation(T0 + HOUR, g.members[n - 1]!.memberId)!;
    const removeMs = time(() => adminKeys.buildRotation(T0 + HOUR, g.members[n - 1]!.memberId), reps);
    const rotateBytes = built.entry.wire.length;

    // Apply on a receiving member: validate the entry against its state, open its lockbox (commitment checked).
    const me = MemberId.toBytes(receiver.memberId);
    const applyOnce = () => {
      const applied = applyEntry(g.state, built.entry.wire);
      if (!applied.ok) throw new Error(`apply failed: ${applied.code}`);
      const entry = applied.value.entry;
      if (entry.type !== "rotate") throw new Error("not a rotate");
      const box = entry.payload.lockboxes.find(([id]) => MemberId.fromBytes(id) === receiver.memberId)![1];
      const opened = openLockbox(
        box,
        g.groupId,
        entry.payload.epoch,
        me,
        receiver.box,
        applied.value.state.commitments[entry.payload.epoch]!,
      );
      if (!opened.ok || opened.value.length !== 32) throw new Error("lockbox did not open");
      return { key: opened.value, state: applied.value.state };
    };
    const applyMs = time(applyOnce, reps);
    const applyEntryMs = time(() => applyEntry(g.state, built.entry.wire), reps);
    const { key, state: after } = applyOnce();
    const sealedPrev = decodeRotate(built.entry.wire).prevKey;
    const prevKeyMs = time(() => openPreviousKey(g.groupId, 1, key, sealedPrev, after.commitments[0]!), reps);

    // Baselines: one lockbox sealed / opened, one Ed25519 sign + verify of the same entry body.
    const boxKeyOf = receiver.box.publicKey;
    const sealMs = p50(time(() => sealLockbox(g.groupId, 1, me, boxKeyOf, key), reps * 4));
    const oneBox = sealLockbox(g.groupId, 1, me, boxKeyOf, key);
    const commit = keyCommitment(key, g.groupId, 1);
    const openMs = p50(time(() => openLockbox(oneBox, g.groupId, 1, me, receiver.box, commit), reps * 4));
    const body = decodeEntry(built.entry.wire)!.body;
    const sigMs = p50(
      time(() => {
        const sig = signWithContext("entry", body, admin.signing.privateKey);
        if (!verifyWithContext("entry", body, sig, admin.signing.publicKey)) throw new Error("verify");
      }, reps * 4),
    );
    const lockboxesMs = p50(
      time(
        () => g.members.forEach((m) => sealLockbox(g.groupId, 1, MemberId.toBytes(m.memberId), m.box.publicKey, key)),
        reps,
      ),
    );

    rows.push([
      n,
      `${rotateBytes} B (${(rotateBytes / n).toFixed(0)} B/member)`,
      `${removed.entry.wire.length} B`,
      ms3(p50(createMs)),
      ms3(p50(removeMs)),
      ms3(lockboxesMs),
      ms3(p50(applyMs)),
      ms3(p50(applyEntryMs)),
      ms3(p50(prevKeyMs)),
      `${g.log.length} entries, ${kb(logBytes)}`,
    ]);
    baseRows.push([
      n,
      ms3(sealMs),
      ms3(sealMs * n),
      ms3(openMs),
      ms3(sigMs),
      `${(p50(createMs) / sigMs).toFixed(1)}×`,
      `${(p50(applyMs) / sigMs).toFixed(1)}×`,
    ]);
  }
  printTable(
    [
      "members",
      "rotate entry",
      "remove entry",
      "create ms (buildRotation)",
      "create remove ms",
      "of which n × sealLockbox ms",
      "apply ms (applyEntry + openLockbox)",
      "applyEntry alone ms",
      "+ openPreviousKey ms",
      "log before (invite + join each)",
    ],
    rows,
  );
  console.log("\nBaselines in the same run (p50):\n");
  printTable(
    [
      "members",
      "1 sealLockbox ms",
      "× n ms",
      "1 openLockbox (+ commitment) ms",
      "Ed25519 sign + verify of the entry body ms",
      "create / sign+verify",
      "apply / sign+verify",
    ],
    baseRows,
  );
}

function decodeRotate(wire: Uint8Array): Payload<"rotate"> {
  const entry = decodeEntry(wire);
  if (entry?.type !== "rotate") throw new Error("not a rotate");
  return entry.payload;
}

// ---------------------------------------------------------------------------------------------
// (b) Joining a group with two years of history

const ymd = (at: number) => new Date(at).toISOString().slice(0, 10);
const CATEGORIES = ["savings", "health", "education", "family", "business", "debt"] as const;

async function benchJoinWithHistory(relayUrl: string, weeks: number): Promise<void> {
  const random = seededRandom(SEED);
  const pickWord = () =>
    ["steady", "slow week", "good news", "a bit tired", "new job lead", "paid a bill", "helped Ana", "ran 5k"][
      Math.floor(random() * 8)
    ]!;
  console.log(
    `\n## Joining a 12-member group with ${weeks} weeks of history (seed ${SEED}; real client core + real relay)\n`,
  );
  let t = performance.now();

  // 12 members: Ana (admin) and two more active writers; nine more join and then go silent (their
  // devices disconnect), standing for members whose activity the three writers simulate.
  const ana = await openDevice(relayUrl, "Ana");
  const groupId: Gid = must(await ana.porch.createGroup("Two years"), "createGroup");
  const joinOne = (name: string): Promise<PorchDevice> => joinNewDevice(relayUrl, ana, groupId, name);
  const writers = [ana, await joinOne("Ben"), await joinOne("Cara")];
  for (let i = 0; i < 9; i++) disconnect((await joinOne(`Member ${i + 4}`)).porch);
  for (const w of writers)
    await waitFor(
      w.porch,
      () => (w.porch.group(groupId)?.members.length ?? 0) === 12 && w.porch.sync().kind === "synced",
    );
  const setupMs = performance.now() - t;

  // Snapshots the writers upload (each one a sealed `A.save()` of the whole document).
  let snapshots = 0;
  let updates = 0;
  for (const w of writers)
    w.wire.onSend = (bytes) => {
      const f = parseClientFrame(bytes);
      if (f?.type !== "publish") return;
      const env = parseEnvelope(f.envelope);
      if (env.ok && env.value.header.kind === "snapshot") snapshots++;
      else updates++;
    };

  // Two years, week by week, on a simulated clock in this process (the relay's clock is not involved:
  // envelopes carry no time, and no log entry is written while the clock is moved).
  const realNow = Date.now;
  const start = realNow() - weeks * WEEK;
  let fake = start;
  Date.now = () => fake;
  t = performance.now();
  try {
    must(await ana.porch.life.setRhythm(groupId, "weekly", ymd(start)), "setRhythm");
    const goals: string[][] = [];
    for (const [i, w] of writers.entries()) {
      const own: string[] = [];
      for (let k = 0; k < 2; k++)
        own.push(
          must(
            await w.porch.life.addGoal(groupId, {
              title: `Goal ${i}-${k}`,
              category: CATEGORIES[(i * 2 + k) % CATEGORIES.length]!,
              targetAmount: 1000 * (k + 1),
              targetDate: ymd(start + 2 * 52 * WEEK),
            }),
            "addGoal",
          ),
        );
      goals.push(own);
      await whenSynced(w.porch);
    }
    for (let week = 0; week < weeks; week++) {
      fake = start + week * WEEK + 10 * HOUR;
      for (const [i, w] of writers.entries()) {
        fake += 1000;
        const goal = goals[i]![week % 2]!;
        must(
          await w.porch.life.postCheckIn(groupId, {
            wins: `${pickWord()} (week ${week})`,
            nextSteps: pickWord(),
            asks: week % 4 === 0 ? pickWord() : "",
          }),
          "postCheckIn",
        );
        await whenSynced(w.porch);
        must(
          await w.porch.life.editGoal(groupId, goal, {
            title: `Goal ${i}-${week % 2} (${pickWord()})`,
            category: CATEGORIES[(i + week) % CATEGORIES.length]!,
            targetAmount: 1000 + 10 * week,
          }),
          "editGoal",
        );
        await whenSynced(w.porch);
        must(
          await w.porch.life.addProgress(groupId, goal, {
            amount: 10 * week + Math.floor(random() * 10),
            note: week % 3 === 0 ? pickWord() : "",
          }),
          "addProgress",
        );
        await whenSynced(w.porch);
      }
      // One reply a week, from the next writer, on Ana's check-in.
      const post = ana.porch.life.checkIns(groupId)?.mine[0];
      if (post !== undefined) {
        must(await writers[1 + (week % 2)]!.porch.life.replyToCheckIn(groupId, post.id, pickWord()), "replyToCheckIn");
        await whenSynced(writers[1 + (week % 2)]!.porch);
      }
      if ((week + 1) % 26 === 0)
        process.stderr.write(
          `  built ${week + 1}/${weeks} weeks in ${((performance.now() - t) / 1000).toFixed(1)} s (${updates} updates, ${snapshots} snapshots)\n`,
        );
    }
  } finally {
    Date.now = realNow;
  }
  for (const w of writers) await waitFor(w.porch, () => w.porch.sync().kind === "synced");
  const buildMs = performance.now() - t;
  const anaId = ana.porch.profile()!.memberId;
  const save = A.save(documentOf(ana.porch, groupId));

  // Newcomers join one after another (each join makes Ana's device rotate; each joiner's profile write is one more update).
  const newcomers = 3;
  const runs: {
    total: number;
    joined: number;
    bytes: number;
    snapshot: number;
    updates: number;
    entries: number;
    entryBytes: number;
    checkpoint: number;
  }[] = [];
  for (let i = 0; i < newcomers; i++) {
    const link = must(await ana.porch.createInviteLink(groupId), "createInviteLink");
    const b = await openDevice(relayUrl, `Newcomer ${i + 1}`);
    b.wire.received = 0;
    let frame: { snapshot: number; updates: number; entries: number; entryBytes: number } | null = null;
    // The joiner reads the log in the invitation lookup's answer (`log`), then its tail in `catch-up`.
    let logEntries = 0;
    let logBytes = 0;
    // From a checkpoint two members signed (issue 10), the lookup's answer starts there instead of at `create`.
    let checkpointBytes = 0;
    b.wire.onReceive = (bytes) => {
      const f = parseServerFrame(bytes);
      if (f?.type === "log") checkpointBytes += f.checkpoint?.length ?? 0;
      if (f?.type === "log" || f?.type === "catch-up") {
        logEntries += f.entries.length;
        logBytes += f.entries.reduce((s, e) => s + e.length, 0);
      }
      if (f?.type === "catch-up" && frame === null)
        frame = { snapshot: f.snapshot?.bytes.length ?? 0, updates: f.updates.length, entries: 0, entryBytes: 0 };
    };
    const view = (p: PorchApi) => JSON.stringify([p.life.life(groupId, anaId), p.group(groupId)?.name]);
    const s = performance.now();
    must(await b.porch.joinWithInvite(new URL(link).hash), "joinWithInvite");
    const joined = performance.now() - s;
    await waitFor(b.porch, () => view(b.porch) === view(ana.porch));
    const total = performance.now() - s;
    const f = (frame ?? { snapshot: 0, updates: 0, entries: 0, entryBytes: 0 }) as {
      snapshot: number;
      updates: number;
      entries: number;
      entryBytes: number;
    };
    runs.push({
      total,
      joined,
      bytes: b.wire.received,
      ...f,
      entries: logEntries,
      entryBytes: logBytes,
      checkpoint: checkpointBytes,
    });
    await whenSynced(b.porch);
    await waitFor(
      ana.porch,
      () => ana.porch.sync().kind === "synced" && (ana.porch.group(groupId)?.members.length ?? 0) === 13 + i,
    );
    disconnect(b.porch);
  }

  // Baseline: plain Automerge.load() of the same document bytes (Ana's A.save()).
  const loadMs = time(() => A.load(save), 5);
  const doc = documentOf(ana.porch, groupId);
  const changes = A.getAllChanges(doc).length;

  console.log(
    `Setup (12 members joined, one rotation per join): ${(setupMs / 1000).toFixed(1)} s; history: ${(buildMs / 1000).toFixed(1)} s, ${updates} updates + ${snapshots} snapshots published by 3 writer devices, ${changes} Automerge changes, A.save() ${kb(save.length)}\n`,
  );
  printTable(
    [
      "newcomer",
      "join → views equal to Ana's",
      "of which joinWithInvite",
      "bytes received",
      "bytes / A.save()",
      "catch-up frame: snapshot",
      "updates after it",
      "log entries received (bytes)",
      "checkpoint received",
    ],
    runs.map((r, i) => [
      i + 1,
      `${ms(r.total)} ms`,
      `${ms(r.joined)} ms`,
      kb(r.bytes),
      (r.bytes / save.length).toFixed(3),
      kb(r.snapshot),
      r.updates,
      `${r.entries} (${kb(r.entryBytes)})`,
      r.checkpoint === 0 ? "none" : kb(r.checkpoint),
    ]),
  );
  const totals = summarize(runs.map((r) => r.total));
  console.log(
    `\nBaseline, same run: plain A.load() of the ${kb(save.length)} document: p50 ${ms(p50(loadMs))} ms (5 runs). Join → equal views p50 ${ms(totals.p50)} ms = ${(totals.p50 / p50(loadMs)).toFixed(1)}× a plain load.`,
  );
  for (const w of writers) disconnect(w.porch);
}
