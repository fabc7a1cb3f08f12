import postgres from "postgres";
import { describe } from "vitest";
import { openPostgresStore } from "./postgres-storage.ts";
import { runRelayStorageContract } from "./relay-storage.contract.ts";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("PostgreSQL (DATABASE_URL)", () => {
  runRelayStorageContract(
    "PostgreSQL",
    async () => {
      let current = await openPostgresStore({ url: url ?? "" });
      // Migrations ran; empty every table so each test starts from a fresh store.
      const admin = postgres(url ?? "", { max: 1, onnotice: () => {} });
      await admin.unsafe(
        "truncate groups, log_entries, invite_keys, envelopes, device_counters, snapshots, member_groups, link_mailboxes, notice_heads, notices, " +
          "acked_snapshots, snapshot_acks, " +
          "device_owners, identity_quotas, " +
          "agg_relay_key, agg_cohorts, agg_enrolments, agg_rounds, agg_volunteers, agg_stewards, agg_reports, " +
          "agg_report_shares, agg_member_periods, agg_partials",
      );
      await admin.end();
      return {
        storage: current.storage,
        sql: () => current.sql,
        // A new connection pool on the same database: the relay process restarting.
        async reopen() {
          await current.storage.close();
          current = await openPostgresStore({ url: url ?? "" });
          return current.storage;
        },
        teardown: () => current.storage.close(),
      };
    },
    { durable: true },
  );
});
