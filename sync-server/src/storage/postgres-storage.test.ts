import postgres from "postgres";
import { describe } from "vitest";
import { openPostgresStorage } from "./postgres-storage.ts";
import { runRelayStorageContract } from "./relay-storage.contract.ts";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("PostgreSQL (DATABASE_URL)", () => {
  runRelayStorageContract(
    "PostgreSQL",
    async () => {
      const storage = await openPostgresStorage({ url: url ?? "" });
      // Migrations ran; empty every table so each test starts from a fresh store.
      const admin = postgres(url ?? "", { max: 1, onnotice: () => {} });
      await admin.unsafe(
        "truncate groups, log_entries, invite_keys, envelopes, device_counters, snapshots, member_groups, link_mailboxes, notice_heads, notices",
      );
      await admin.end();
      let current = storage;
      return {
        storage,
        // A new connection pool on the same database: the relay process restarting.
        async reopen() {
          await current.close();
          current = await openPostgresStorage({ url: url ?? "" });
          return current;
        },
        teardown: () => current.close(),
      };
    },
    { durable: true },
  );
});
