/**
 * Catch-up of a new device on a group with a long history: Porch (sealed snapshot + tail through the
 * real relay) against a plain automerge-repo server, both fed the same seeded edits through the same
 * `GroupLifeService` calls (goal-edits.ts), so both build the same schema-v2 document.
 */
import * as A from "@automerge/automerge";
import { Repo, type DocHandle } from "@automerge/automerge-repo";
import { GroupId, parseClientFrame, parseServerFrame, type MemberId } from "@porch/shared";
import { initGroupDoc } from "../client/src/core/doc/group-doc.ts";
import { lifeView } from "../client/src/core/doc/life-view.ts";
import { localToday } from "../client/src/core/doc/periods.ts";
import type { GroupDoc } from "../client/src/core/doc/schema.ts";
import { editScript } from "./edit-script.ts";
import { applyScriptOp, documentShape, goalContent, plainGoalLife } from "./goal-edits.ts";
import { openPlainClient } from "./plain-repo-client.ts";
import type { Pair } from "./edit-latency.ts";
import { disconnect, documentOf, must, openDevice, reconnect, waitFor, whenSynced } from "./porch-node-client.ts";
import { kb, ms, printTable } from "./stats.ts";

const SEED = 5000;

interface CatchUpStats {
  readonly snapshot: number;
  readonly updates: number;
  readonly updateBytes: number;
  readonly entries: number;
  readonly pages: number;
}

/** Builds the history on both systems, then measures a fresh device catching up on each. */
export async function benchCatchUp(relayUrl: string, plainUrl: string, edits: number): Promise<Pair> {
  const ops = editScript(edits, SEED);
  console.log(`\n## Catch-up of a new device on a group with ${edits} updates (seed ${SEED})\n`);

  // --- Porch: device A makes every edit through the relay, one at a time.
  const a = await openDevice(relayUrl, "Ana");
  const groupId: GroupId = must(await a.porch.createGroup("Bench group"), "createGroup");
  const ids: string[] = [];
  let t = performance.now();
  let done = 0;
  for (const op of ops) {
    await applyScriptOp(a.porch.life, groupId, op, ids);
    await whenSynced(a.porch);
    if (++done % 500 === 0)
      process.stderr.write(`  built ${done}/${ops.length} edits in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const porchBuildMs = performance.now() - t;
  const docA = documentOf(a.porch, groupId);
  const porchSave = A.save(docA);
  // Both systems run in this process on one Automerge wasm instance: the first large load pays for
  // growing its memory and warming its code (printed below), and whichever system was measured first
  // would pay it alone. One load beforehand leaves both warm.
  const coldStart = performance.now();
  A.load(porchSave);
  const coldLoadMs = performance.now() - coldStart;
  const goalsA = a.porch.life.goals(groupId);
  const contentA = goalContent(goalsA);

  // The invitation is made after the history: a new friend joins an old group. Then A goes offline,
  // as the plain side's writer is shut down before its new device starts: otherwise A (in this same
  // process) makes the key rotation it owes after the join while B catches up, on B's CPU — on real
  // phones that work happens on A's. A comes back after the measurement and rotates then.
  const link = must(await a.porch.createInviteLink(groupId), "createInviteLink");
  await whenSynced(a.porch);
  disconnect(a.porch);
  const b = await openDevice(relayUrl, "Ben");
  b.wire.received = 0;
  b.wire.sent = 0;
  let subscribeAt = 0;
  let catchUpAt = 0;
  // Summed over the catch-up's pages (the relay pages it in bytes; the client pulls each page).
  let catchUp: CatchUpStats | null = null;
  let caughtUp = false;
  b.wire.onSend = (bytes, at) => {
    if (parseClientFrame(bytes)?.type === "subscribe" && subscribeAt === 0) subscribeAt = at;
  };
  b.wire.onReceive = (bytes, at) => {
    const f = parseServerFrame(bytes);
    if (f?.type !== "catch-up" || caughtUp || GroupId.fromBytes(f.groupId) !== groupId) return;
    catchUpAt = at;
    const before: CatchUpStats = catchUp ?? { snapshot: 0, updates: 0, updateBytes: 0, entries: 0, pages: 0 };
    catchUp = {
      snapshot: before.snapshot + (f.snapshot?.bytes.length ?? 0),
      updates: before.updates + f.updates.length,
      updateBytes: before.updateBytes + f.updates.reduce((n, u) => n + u.bytes.length, 0),
      entries: before.entries + f.entries.length,
      pages: before.pages + 1,
    };
    caughtUp = f.more !== true;
  };
  t = performance.now();
  // The end point is the one the plain side has: the new device shows the same goals (read through
  // the API on every notification, as the UI would), whether or not its storage has caught up yet.
  // joinWithInvite resolves later, once the document and the record are durable in IndexedDB.
  const sameGoals = () => goalContent(b.porch.life.goals(groupId)) === contentA;
  let visibleAt = 0;
  const stopWatching = b.porch.subscribe(() => {
    if (visibleAt === 0 && sameGoals()) visibleAt = performance.now();
  });
  must(await b.porch.joinWithInvite(new URL(link).hash), "joinWithInvite");
  const joinedMs = performance.now() - t;
  await waitFor(b.porch, sameGoals);
  if (visibleAt === 0) visibleAt = performance.now();
  stopWatching();
  const porchMs = visibleAt - t;
  reconnect(a.porch);
  const startedAt = t;
  const porchBytes = b.wire.received;
  const fromSubscribeMs = catchUpAt - subscribeAt;
  const cu = catchUp as CatchUpStats | null;

  // Where B's time goes, measured on the same document outside the engine.
  let s = performance.now();
  const loaded = A.load<GroupDoc>(porchSave);
  const loadMs = performance.now() - s;
  s = performance.now();
  A.loadIncremental(A.init<GroupDoc>(), porchSave);
  const loadIncMs = performance.now() - s;
  s = performance.now();
  A.save(loaded);
  const saveMs = performance.now() - s;
  s = performance.now();
  lifeView(loaded, a.porch.profile()!.memberId, Date.now(), localToday());
  const lifeViewMs = performance.now() - s;
  // What apply-remote does with a snapshot: loadIncremental inside a DocHandle.update (events and all).
  const scratch = new Repo({ network: [] });
  const empty = scratch.import<GroupDoc>(A.save(A.init()));
  s = performance.now();
  empty.update((d) => A.loadIncremental(d, porchSave));
  const handleLoadMs = performance.now() - s;
  await scratch.shutdown();

  // --- Plain automerge-repo: the same edits through a plaintext Repo client.
  const pa = openPlainClient(plainUrl);
  const handle: DocHandle<GroupDoc> = pa.repo.create<GroupDoc>();
  const me = "plain-member" as MemberId;
  handle.change((d) => initGroupDoc(d, "Bench group", me, "Ana", Date.now()));
  const plainLife = plainGoalLife(handle, me, {});
  const plainIds: string[] = [];
  t = performance.now();
  for (const op of ops) await applyScriptOp(plainLife, groupId, op, plainIds);
  const plainBuildMs = performance.now() - t;
  // Same script, same service calls: the two documents must hold the same goals and records.
  const porchShape = JSON.stringify(documentShape(docA));
  const plainShape = JSON.stringify(documentShape(handle.doc()));
  if (porchShape !== plainShape || goalContent(plainLife.goals(groupId)) !== contentA)
    throw new Error(`the two systems built different documents: Porch ${porchShape}, plain ${plainShape}`);
  const plainSave = A.save(handle.doc());
  const headsA = JSON.stringify(handle.heads());
  // A checker client makes sure the server holds everything before the fresh device starts.
  // On a busy machine the server may not have heard of the document yet when first asked ("unavailable",
  // seen at load average ~5): ask again with a fresh client, which also paces the retries.
  // (A client that gave up is shut down only at the end: closing a socket still connecting throws.)
  const checkers = [openPlainClient(plainUrl)];
  let seen: DocHandle<GroupDoc> | null = null;
  for (let attempt = 1; seen === null; attempt++) {
    try {
      seen = await checkers.at(-1)!.repo.find<GroupDoc>(handle.url);
    } catch (error) {
      if (attempt >= 20) throw error;
      checkers.push(openPlainClient(plainUrl));
    }
  }
  const held = seen;
  await until(() => JSON.stringify(held.heads()) === headsA, held);
  for (const checker of checkers) await checker.repo.shutdown();
  if (checkers.length > 1) console.log(`(the plain server knew the document at the ${checkers.length}th ask)`);
  await pa.repo.shutdown();

  const pb = openPlainClient(plainUrl);
  t = performance.now();
  const hb = await pb.repo.find<GroupDoc>(handle.url);
  await until(() => JSON.stringify(hb.heads()) === headsA, hb);
  const plainMs = performance.now() - t;
  const plainBytes = pb.wire.received;
  await pb.repo.shutdown();

  printTable(
    ["system", "build (A)", "catch-up time", "bytes to new device", "A.save() of doc", "bytes / save()"],
    [
      [
        "Porch (sealed, relay + PGlite)",
        `${(porchBuildMs / 1000).toFixed(1)} s`,
        `${ms(porchMs)} ms`,
        kb(porchBytes),
        kb(porchSave.length),
        (porchBytes / porchSave.length).toFixed(3),
      ],
      [
        "plain automerge-repo server",
        `${(plainBuildMs / 1000).toFixed(1)} s`,
        `${ms(plainMs)} ms`,
        kb(plainBytes),
        kb(plainSave.length),
        (plainBytes / plainSave.length).toFixed(3),
      ],
    ],
  );
  console.log(
    `\nPorch bytes / plain save(): ${(porchBytes / plainSave.length).toFixed(3)}  (target ≤ 1.10 against Porch's own save(): ${(porchBytes / porchSave.length).toFixed(3)})`,
  );
  console.log(
    `Porch join breakdown: goals equal (the catch-up time above) after ${ms(porchMs)} ms; joinWithInvite resolved, durable on the device, after ${ms(joinedMs)} ms:`,
  );
  console.log(
    `  join flow before subscribe (invite lookup, join entry, keys, local records): ${ms(subscribeAt - startedAt)} ms`,
  );
  console.log(
    `  subscribe → last catch-up page received (relay: PGlite reads + wire, client pulling each page): ${ms(fromSubscribeMs)} ms`,
  );
  console.log(
    `  last catch-up page → joinWithInvite resolved (open, loadIncremental via DocHandle.update, persist, profile write): ${ms(startedAt + joinedMs - catchUpAt)} ms`,
  );
  if (cu !== null)
    console.log(
      `  catch-up (${cu.pages} page${cu.pages === 1 ? "" : "s"}): snapshot ${kb(cu.snapshot)}, ${cu.updates} updates (${kb(cu.updateBytes)}), ${cu.entries} log entries`,
    );
  console.log(
    `  on the same doc, alone: first A.load in this process (cold, before both measurements) ${ms(coldLoadMs)} ms; then A.load(save) ${ms(loadMs)} ms; A.loadIncremental(init(), save) ${ms(loadIncMs)} ms; DocHandle.update(loadIncremental) ${ms(handleLoadMs)} ms; A.save() ${ms(saveMs)} ms; lifeView() ${ms(lifeViewMs)} ms; ${goalsA?.length ?? 0} goals`,
  );
  console.log(
    `Both documents (same script through GroupLifeService): ${porchShape} (root records by type); Porch has ${Object.keys(docA.members).length} member(s) before the join, plain ${Object.keys(handle.doc().members).length}`,
  );
  // A is back: it rotates the key for B; the latency bench that follows starts from a quiet group.
  await waitFor(a.porch, () => a.porch.sync().kind === "synced");
  await whenSynced(b.porch);
  return { a, b, groupId };
}

/** Resolves once `done()` holds, re-checking on every heads change of `h`. */
function until(done: () => boolean, h: DocHandle<GroupDoc>): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      h.off("heads-changed", check);
      resolve();
    };
    h.on("heads-changed", check);
  });
}
