/**
 * The UI's side of the boundary: a PorchApi whose reads come from the last snapshot the core sent and
 * whose writes are commands to the core. Starts from a cached snapshot (or the empty one) so the first
 * screen paints before the core has loaded; commands sent before then wait in the core's queue.
 */
import type { GroupId, MemberId, Result } from "@porch/shared";
import {
  EMPTY_SNAPSHOT,
  type Command,
  type CorePort,
  type CoreSnapshot,
  type FromCore,
  type GroupSnapshot,
} from "../core/api/core-protocol.ts";
import type { GroupLifeApi, LifeView } from "../core/api/group-life-api.ts";
import { filterOffers, memberHistory } from "../core/api/life/select.ts";
import type { JournalApi } from "../core/api/journal-api.ts";
import type { CohortsApi } from "../core/api/cohorts-api.ts";
import type { MembershipApi } from "../core/api/membership-api.ts";
import type { NewsApi } from "../core/api/news-api.ts";
import { previewOf } from "../core/api/journal-preview.ts";
import type {
  GroupView,
  InvitePreview,
  Lang,
  PorchApi,
  Profile,
  SyncState,
  GroupSummary,
} from "../core/api/porch-api.ts";

/** Where the snapshot being shown came from. */
export type SnapshotSource = "empty" | "cache" | "live";

interface Waiting {
  readonly resolve: (value: unknown) => void;
}

export class RemotePorch implements PorchApi {
  readonly life: GroupLifeApi;
  readonly membership: MembershipApi;
  readonly news: NewsApi;
  readonly journal: JournalApi;
  readonly cohorts: CohortsApi;
  private snapshot: CoreSnapshot;
  private sourceNow: SnapshotSource;
  private startFailure = false;
  private readonly listeners = new Set<() => void>();
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  constructor(
    private readonly port: CorePort,
    initial: { readonly snapshot: CoreSnapshot; readonly source: "empty" | "cache" } = {
      snapshot: EMPTY_SNAPSHOT,
      source: "empty",
    },
  ) {
    this.snapshot = initial.snapshot;
    this.sourceNow = initial.source;
    port.addEventListener("message", (event: MessageEvent) => this.receive(event.data as FromCore));
    const call =
      <T>(command: Command) =>
      (...args: unknown[]) =>
        this.call(command, args) as Promise<T>;
    const lifeOf = (groupId: GroupId): LifeView | null => this.snapshot.byGroup[groupId]?.life ?? null;
    const me = (): MemberId | null => this.snapshot.profile?.memberId ?? null;
    this.life = {
      life: (groupId) => lifeOf(groupId),
      goals: (groupId) => lifeOf(groupId)?.goals ?? null,
      checkIns: (groupId) => lifeOf(groupId)?.checkIns ?? null,
      memberCheckIns: (groupId, memberId) => {
        const c = lifeOf(groupId)?.checkIns;
        return c === undefined ? null : memberHistory(c, memberId);
      },
      offers: (groupId, filter) => {
        const l = lifeOf(groupId);
        return l === null ? null : filterOffers(l.offers, me(), filter);
      },
      tally: (groupId) => lifeOf(groupId)?.tally ?? null,
      circles: (groupId) => lifeOf(groupId)?.circles ?? null,
      circleCsv: call("life.circleCsv"),
      addGoal: call("life.addGoal"),
      editGoal: call("life.editGoal"),
      addProgress: call("life.addProgress"),
      addMilestone: call("life.addMilestone"),
      reachMilestone: call("life.reachMilestone"),
      setGoalState: call("life.setGoalState"),
      toggleCheer: call("life.toggleCheer"),
      comment: call("life.comment"),
      setRhythm: call("life.setRhythm"),
      postCheckIn: call("life.postCheckIn"),
      replyToCheckIn: call("life.replyToCheckIn"),
      postOffer: call("life.postOffer"),
      claimOffer: call("life.claimOffer"),
      confirmOffer: call("life.confirmOffer"),
      thankOffer: call("life.thankOffer"),
      withdrawOffer: call("life.withdrawOffer"),
      createCircle: call("life.createCircle"),
      markPaid: call("life.markPaid"),
      confirmReceived: call("life.confirmReceived"),
    };
    this.membership = {
      view: (groupId) => this.snapshot.byGroup[groupId]?.membership ?? null,
      notices: () => this.snapshot.notices,
      otherDevices: () => this.snapshot.otherDevices ?? [],
      createInvite: call("membership.createInvite"),
      revokeInvite: call("membership.revokeInvite"),
      remove: call("membership.remove"),
      leave: call("membership.leave"),
      setRole: call("membership.setRole"),
      openDeviceLink: call("membership.openDeviceLink"),
      linkThisDevice: call("membership.linkThisDevice"),
      recover: call("membership.recover"),
      dismissNotices: call("membership.dismissNotices"),
    };
    this.news = {
      view: (groupId) => this.snapshot.byGroup[groupId]?.news ?? null,
      markSeen: call("news.markSeen"),
    };
    this.journal = {
      view: () => this.snapshot.journal,
      preview: () => previewOf(this.snapshot.journal),
      saveMonth: call("journal.saveMonth"),
      setBaseline: call("journal.setBaseline"),
      setConsent: call("journal.setConsent"),
      exportJson: call("journal.exportJson"),
      exportCsv: call("journal.exportCsv"),
      deleteJournal: call("journal.deleteJournal"),
    };
    this.cohorts = {
      view: () => this.snapshot.cohorts ?? [],
      enrol: call("cohorts.enrol"),
      setVolunteer: call("cohorts.setVolunteer"),
    };
  }

  /** "live" once the core has sent its own views; until then the screen shows a cached or empty one. */
  get source(): SnapshotSource {
    return this.sourceNow;
  }
  /** True if the core could not start (the UI says so; nothing was overwritten). */
  get failed(): boolean {
    return this.startFailure;
  }

  profile(): Profile | null {
    return this.snapshot.profile;
  }
  groups(): readonly GroupSummary[] {
    return this.snapshot.groups;
  }
  group(groupId: GroupId): GroupView | null {
    return this.snapshot.byGroup[groupId]?.view ?? null;
  }
  sync(): SyncState {
    return this.snapshot.sync;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  createProfile(displayName: string, lang: Lang): Promise<Result<{ readonly recoveryPhrase: string }>> {
    return this.call("createProfile", [displayName, lang]) as Promise<Result<{ readonly recoveryPhrase: string }>>;
  }
  setLanguage(lang: Lang): Promise<void> {
    return this.call("setLanguage", [lang]) as Promise<void>;
  }
  createGroup(name: string): Promise<Result<GroupId>> {
    return this.call("createGroup", [name]) as Promise<Result<GroupId>>;
  }
  createInviteLink(groupId: GroupId): Promise<Result<string>> {
    return this.call("createInviteLink", [groupId]) as Promise<Result<string>>;
  }
  joinWithInvite(fragment: string): Promise<Result<GroupId>> {
    return this.call("joinWithInvite", [fragment]) as Promise<Result<GroupId>>;
  }
  previewInvite(fragment: string): Promise<Result<InvitePreview>> {
    return this.call("previewInvite", [fragment]) as Promise<Result<InvitePreview>>;
  }
  setDisplayName(displayName: string): Promise<Result<void>> {
    return this.call("setDisplayName", [displayName]) as Promise<Result<void>>;
  }
  recoveryPhrase(): Promise<Result<string>> {
    return this.call("recoveryPhrase", []) as Promise<Result<string>>;
  }

  private call(command: Command, args: readonly unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve });
      this.port.postMessage({ type: "call", id, command, args });
    });
  }

  private receive(message: FromCore): void {
    switch (message.type) {
      case "views": {
        // Views the core left out are the ones already held: keep those objects (no reconcile work).
        const held = this.snapshot.byGroup;
        const byGroup: Record<string, GroupSnapshot> = {};
        for (const [id, g] of Object.entries(message.update.byGroup)) {
          byGroup[id] = {
            view: g.view,
            life: g.life !== undefined ? g.life : (held[id]?.life ?? null),
            membership: g.membership !== undefined ? g.membership : (held[id]?.membership ?? null),
            news: g.news ?? null,
          };
        }
        const { journal, ...rest } = message.update;
        this.snapshot = { ...rest, byGroup, journal: journal !== undefined ? journal : this.snapshot.journal };
        this.sourceNow = "live";
        return this.notify();
      }
      case "reply":
        this.waiting.get(message.id)?.resolve(message.value);
        this.waiting.delete(message.id);
        return;
      case "crashed":
        // A failure the core did not expect (storage refused a write, a bug): the member sees a sentence.
        this.waiting.get(message.id)?.resolve({ ok: false, code: "storage-failed", detail: message.message });
        this.waiting.delete(message.id);
        return;
      case "start-failed":
        this.startFailure = true;
        // Cached views may be on screen: the status line must not go on saying "syncing".
        this.snapshot = { ...this.snapshot, sync: { kind: "error", code: "storage-failed", pending: 0 } };
        for (const w of this.waiting.values())
          w.resolve({ ok: false, code: "storage-failed", detail: message.message });
        this.waiting.clear();
        return this.notify();
    }
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
