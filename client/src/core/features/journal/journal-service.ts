/**
 * The journal's commands and view (`JournalApi`), over the journal store. Every write is checked
 * first (`validateEntry`: a refused form writes nothing), then made durable on this device by the
 * sync engine before it resolves; the engine sends it to the member's other devices when it can.
 * Months follow this device's calendar (its time-zone offset at the moment of the call).
 */
import { err, GroupId, ok, type MemberId, type Result } from "@porch/shared";
import type { GroupLifeApi } from "../../api/group-life-api.ts";
import type { ContributionPreview } from "@porch/shared/aggregation";
import {
  makeConsentEvent,
  validateEntry,
  type ConsentAudience,
  type FieldId,
  type JournalLocale,
  type ShareableFieldId,
} from "@porch/shared/journal";
import type { JournalApi, JournalRawValues, JournalView } from "../../api/journal-api.ts";
import { previewOf } from "../../api/journal-preview.ts";
import {
  initJournalDoc,
  isJournalInitialised,
  randomTag,
  recordConsent,
  recordSent,
  saveMonth,
  setBaseline,
} from "../../doc/journal/journal-doc.ts";
import { isNewerJournal, migrateJournalDoc, needsJournalMigration } from "../../doc/journal/journal-migrations.ts";
import type { JournalDoc } from "../../doc/journal/journal-schema.ts";
import { journalView } from "../../doc/journal/journal-view.ts";
import { journalCsv, journalJson } from "./journal-export.ts";
import { applyGoalAmounts, helpByMonth } from "./journal-groups.ts";
import type { JournalStore } from "./journal-store.ts";

/** The device's offset from UTC in minutes at `now` (the months are the member's own calendar). */
const utcOffset = (now: number): number => -new Date(now).getTimezoneOffset();

export interface JournalServiceDeps {
  /** The open journal, or null before onboarding. */
  readonly store: () => JournalStore<JournalDoc> | null;
  readonly locale: () => JournalLocale;
  /** The member's groups' life (help given and received; the goal-amounts consent applies to their goals). */
  readonly life: GroupLifeApi;
  readonly groupIds: () => readonly GroupId[];
  readonly me: () => MemberId | null;
  /** After every durable write (a program's report for an edited month is rebuilt and resent). */
  readonly onWrite?: () => void;
}

export class JournalService implements JournalApi {
  constructor(private readonly deps: JournalServiceDeps) {}

  view(): JournalView | null {
    const handle = this.deps.store()?.handle;
    if (handle === null || handle === undefined) return null;
    const now = Date.now();
    const stopped = this.deps.store()?.sync?.removed === true ? "journal-deleted" : null;
    return {
      ...journalView(handle.doc(), now, utcOffset(now)),
      help: helpByMonth(this.deps.life, this.deps.groupIds(), this.deps.me()),
      stopped,
    };
  }

  async saveMonth(month: string, rawValues: JournalRawValues): ReturnType<JournalApi["saveMonth"]> {
    const now = Date.now();
    const check = validateEntry(month, rawValues, now, this.deps.locale(), utcOffset(now));
    if (!check.ok || !check.month.ok)
      return { ok: false as const, code: "bad-entry" as const, problems: check.problems };
    const saved = check.month.value;
    let changed: readonly FieldId[] = [];
    const wrote = await this.write((d) => {
      changed = saveMonth(d, saved, check.values, now, randomTag).changed;
    });
    return wrote.ok ? ok({ month: saved, changed }) : wrote;
  }

  setBaseline(month: string | null): Promise<Result<true>> {
    return this.write((d) => setBaseline(d, month));
  }

  setConsent(audience: ConsentAudience, field: string, granted: boolean, groupId?: string): Promise<Result<true>> {
    const event = makeConsentEvent(audience, field, granted, Date.now(), groupId);
    if (event === null) return Promise.resolve(err("bad-entry", "unknown consent"));
    return this.write((d) => recordConsent(d, event, randomTag)).then(async (recorded) => {
      // One consent model: the journal records the choice, and the group's goals follow it.
      if (!recorded.ok || event.audience !== "group-progress") return recorded;
      const groupId = GroupId.parse(event.groupId);
      const applied =
        groupId === null ? err("group-not-found") : await applyGoalAmounts(this.deps.life, groupId, granted);
      return applied.ok ? recorded : err(applied.code, applied.detail);
    });
  }

  /** Records that the report for `period` left the device for the organization's totals (the cohort agent calls it). */
  markSent(period: string, cohortId: string, fields: readonly ShareableFieldId[], at: number): Promise<Result<true>> {
    return this.write((d) =>
      recordSent(d, { period, at, audience: "org-totals", fields, cohort: cohortId }, randomTag),
    );
  }

  preview(): ContributionPreview {
    return previewOf(this.view());
  }

  async exportJson(): Promise<string> {
    const view = this.view();
    return view === null ? "{}" : journalJson(view);
  }

  async exportCsv(): Promise<string> {
    const view = this.view();
    return view === null ? "" : journalCsv(view);
  }

  async deleteJournal(): Promise<Result<true>> {
    const store = this.deps.store();
    if (store === null) return err("bad-entry", "no journal on this device");
    return store.delete();
  }

  /** One change to the journal, initialised and migrated first; durable on the device when it resolves. */
  private async write(fn: (doc: JournalDoc) => void): Promise<Result<true>> {
    const store = this.deps.store();
    const sync = store?.sync;
    if (store === null || sync === null || sync === undefined) return err("bad-entry", "no journal on this device");
    await store.wake();
    // A newer Porch on another device wrote it: this one must not write a shape it does not know.
    if (isNewerJournal(this.deps.store()?.handle?.doc())) return err("unsupported-version", "journal schema is newer");
    await sync.change((d) => {
      if (!isJournalInitialised(d)) initJournalDoc(d);
      else if (needsJournalMigration(d)) migrateJournalDoc(d);
      fn(d);
    });
    this.deps.onWrite?.();
    return ok(true);
  }
}
