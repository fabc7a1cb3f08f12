import postgres from "postgres";
import { describe } from "vitest";
import { openPostgresStorage } from "./postgres-storage.ts";
import { runRelayStorageContract } from "./relay-storage.contract.ts";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("PostgreSQL (DATABASE_URL)", () => {
  runRelayStorageContract("PostgreSQL", async () => {
    const storage = await openPostgresStorage({ url: url ?? "" });
    // Migrations ran; empty every table so each test starts from a fresh store.
    const admin = postgres(url ?? "", { max: 1, onnotice: () => {} });
    await admin.unsafe("truncate groups, log_entries, invite_keys, envelopes, device_counters, snapshots, member_groups, link_mailboxes, notice_heads, notices");
    await admin.end();
    return { storage, teardown: () => storage.close() };
  });
});
