/**
 * Stored bytes of a group over a long history, with and without pruning: the real client core on Node
 * devices against the real relay (in-process, PGlite in memory, so the bench can read what it stores).
 * Ana makes N edits, one envelope each (as a group's life goes: edits spread over time). In the first
 * run nobody else is online, so no snapshot is acknowledged and the relay keeps every envelope; in the
 * second Ben's device is online and acknowledges Ana's snapshots, and the relay prunes what they cover.
 *
 *   node --import tsx bench/pruning.ts [edits=600]
 */
import * as A from "@automerge/automerge";
import { GroupId } from "@porch/shared";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startTestRelay } from "@porch/testing/start-test-relay";
import { kb, printTable } from "./stats.ts";
import { documentOf } from "./porch-node-client.ts";

const EDITS = Number(process.argv[2] ?? 600);

interface Stored {
  readonly rows: number;
  readonly bytes: number;
  readonly save: number;
}

async function run(acknowledging: boolean): Promise<Stored> {
  const relay = await startTestRelay();
  const base = relay.url.replace(/^ws/, "http").replace(/\/api\/sync$/, "");
  const ana = await nodeDevice(base);
  await ana.porch.createProfile("Ana", "en");
  const created = await ana.porch.createGroup("Bench");
  if (!created.ok) throw new Error(created.code);
  const group = created.value;
  const ben: NodeDevice = await nodeDevice(base);
  await ben.porch.createProfile("Ben", "en");
  const link = await ana.porch.createInviteLink(group);
  if (!link.ok) throw new Error(link.code);
  if (!(await ben.porch.joinWithInvite(new URL(link.value).hash)).ok) throw new Error("join");
  await ana.until(() => ana.porch.sync().kind === "synced");
  if (!acknowledging) await ben.close();
  for (let i = 0; i < EDITS; i++) {
    await ana.porch.life.addGoal(group, { title: `goal ${i}`, category: "other", targetAmount: i });
    await ana.until(() => ana.porch.sync().kind === "synced", 120_000);
  }
  const id = GroupId.toBytes(group);
  const read = async () => {
    const [row] = await relay.sql.query<{ rows: number; snap: number | null }>(
      "select count(*)::int as rows, max(covers_seq) as snap from envelopes where group_id = $1",
      [id],
    );
    return { rows: row?.rows ?? 0, covers: Number(row?.snap ?? 0), bytes: await relay.storage.storedBytes(id) };
  };
  // Let the last snapshot (and, when Ben is online, its acknowledgement) land: a bench may poll.
  for (let last = await read(), i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await read();
    if (now.bytes === last.bytes && (!acknowledging || (await relay.storage.prunedThrough(id)) > 0)) break;
    last = now;
  }
  const { rows, bytes } = await read();
  const save = A.save(documentOf(ana.porch, group)).length;
  await ana.close();
  await ben.close();
  await relay.stop();
  return { rows, bytes, save };
}

const without = await run(false);
const withAcks = await run(true);
printTable(
  ["measure", "nothing acknowledged (today's relay keeps everything)", "Ben acknowledges, relay prunes"],
  [
    ["envelope rows stored", String(without.rows), String(withAcks.rows)],
    ["envelope bytes stored (the quota's count)", kb(without.bytes), kb(withAcks.bytes)],
    ["the document's A.save()", kb(without.save), kb(withAcks.save)],
    [
      "stored ÷ A.save()",
      (without.bytes / without.save).toFixed(2) + "×",
      (withAcks.bytes / withAcks.save).toFixed(2) + "×",
    ],
  ],
);
process.exit(0);
