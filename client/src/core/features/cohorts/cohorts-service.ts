/**
 * The cohorts area of the core (`CohortsApi`): one `CohortAgent` for this device's identity, on the
 * member's relay connection, with its records sealed on the device and its reports built from the
 * journal. The agent acts whenever the relay says a cohort changed and after every reconnect.
 *
 * What a report may carry is the journal's consent ledger's decision (`fieldsToShare`): the org-totals
 * grants in force when it is first built, and — once a period was sent — exactly the fields recorded
 * as sent, so an edit of that month before the freeze resends the same fields with the new answers.
 */
import { err, ok, toBase64Url, type GroupId, type Identity, type Result } from "@porch/shared";
import { fieldsToShare, type ShareableFieldId } from "@porch/shared/journal";
import type { CohortsApi, CohortView } from "../../api/cohorts-api.ts";
import type { JournalView } from "../../api/journal-api.ts";
import type { PushFrame } from "../../engine/relay-connection.ts";
import type { SyncConnection } from "../../engine/sync-connection.ts";
import type { LocalDb } from "../../store/local-db.ts";
import { CohortAgent, type ReportInputs, type ReportSource } from "./cohort-agent.ts";
import { deviceCohortStorage } from "./cohort-storage.ts";

/** What the service needs of the journal. */
export interface CohortJournal {
  view(): JournalView | null;
  markSent(period: string, cohortId: string, fields: readonly ShareableFieldId[], at: number): Promise<unknown>;
}

/** The report for `period` from the journal's view, or null when nothing may or can be sent. */
export function reportInputs(view: JournalView | null, period: string, now: number): ReportInputs | null {
  if (view === null) return null;
  const month = view.months.find((m) => m.month === period);
  if (month === undefined) return null;
  const sent = view.sent.find((s) => s.period === period && s.audience === "org-totals");
  const fields = sent !== undefined ? sent.fields : fieldsToShare(view.consentHistory, period, now, view.sent);
  if (fields.length === 0) return null;
  const base = view.months.find((m) => m.month === view.baseline.month);
  return { values: month.values, baseline: base === undefined || base.month === period ? null : base.values, fields };
}

export class CohortsService implements CohortsApi {
  private agent: CohortAgent | null = null;

  constructor(
    private readonly deps: {
      readonly db: LocalDb;
      readonly key: CryptoKey;
      readonly journal: CohortJournal;
      readonly whenOnline: (timeoutMs?: number) => Promise<boolean>;
      readonly notify: () => void;
    },
  ) {}

  /** Starts the agent for this identity on its connection (once the device has one). */
  async start(connection: SyncConnection, identity: Pick<Identity, "memberId" | "signing">): Promise<void> {
    const journal: ReportSource = {
      inputs: (period, now) => reportInputs(this.deps.journal.view(), period, now),
      sent: async (period, cohortId, fields, at) =>
        void (await this.deps.journal.markSent(period, cohortId, fields, at)),
    };
    this.agent = new CohortAgent({
      connection,
      identity,
      storage: deviceCohortStorage(this.deps.db, this.deps.key),
      journal,
      now: Date.now,
      onChange: this.deps.notify,
    });
    await this.agent.load();
  }

  /** The relay is (again) reachable: catch up on every cohort. */
  onReady(): void {
    void this.agent?.tick();
  }

  /** A month or a consent changed: a report already sent this period is rebuilt and resent if it differs. */
  onJournalChanged(): void {
    void this.agent?.tick();
  }

  onPush(frame: PushFrame): void {
    if (frame.type === "agg-changed") void this.agent?.onChanged(toBase64Url(frame.cohortId), frame.phase);
  }

  view(): readonly CohortView[] {
    return this.agent?.view() ?? [];
  }

  async enrol(link: string, groupId: GroupId, name: string, volunteer: boolean): Promise<Result<string>> {
    if (this.agent === null) return err("bad-entry", "no profile on this device");
    if (!(await this.deps.whenOnline())) return err("offline");
    return this.agent.enrol(link, groupId, name, volunteer);
  }

  async setVolunteer(cohortId: string, volunteer: boolean): Promise<Result<true>> {
    if (this.agent === null) return err("bad-entry", "no profile on this device");
    await this.agent.setVolunteer(cohortId, volunteer);
    return ok(true);
  }
}
