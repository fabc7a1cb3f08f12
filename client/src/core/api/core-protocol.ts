/**
 * The one typed boundary between the UI (main thread) and Porch's core (a dedicated Web Worker):
 * commands in, replies and view snapshots out. Everything crossing it is plain data (structured clone).
 *
 * The UI never asks the core for a view: the core pushes a `CoreSnapshot` after every change, and
 * before the reply to any command, so a screen that awaited a write re-reads a view that includes it.
 */
import type { DeviceNotice, MembershipView } from "./membership-api.ts";
import type { LifeView } from "./group-life-api.ts";
import type { JournalView } from "./journal-api.ts";
import type { CohortView } from "./cohorts-api.ts";
import type { NewsView } from "./news-api.ts";
import type { GroupSummary, GroupView, PorchApi, Profile, SyncState } from "./porch-api.ts";

/** What the core shows for one group. */
export interface GroupSnapshot {
  readonly view: GroupView;
  readonly life: LifeView | null;
  readonly membership: MembershipView | null;
  /** What is new since this device's member last looked (small: always sent). */
  readonly news: NewsView | null;
}

/** Everything the UI reads, as of one moment of the core. */
export interface CoreSnapshot {
  readonly profile: Profile | null;
  readonly groups: readonly GroupSummary[];
  readonly sync: SyncState;
  readonly notices: readonly DeviceNotice[];
  /** This member's other devices (Settings); absent in views cached by older versions. */
  readonly otherDevices?: readonly DeviceNotice[];
  /** By group id. */
  readonly byGroup: Readonly<Record<string, GroupSnapshot>>;
  /** The member's journal (null before onboarding). */
  readonly journal: JournalView | null;
  /** The cohorts this member enrolled in (small: always sent). */
  readonly cohorts: readonly CohortView[];
}

/** The snapshot of a device with no profile yet: what the first screen needs before the core loads. */
export const EMPTY_SNAPSHOT: CoreSnapshot = {
  profile: null,
  groups: [],
  sync: { kind: "synced" },
  notices: [],
  byGroup: {},
  journal: null,
  cohorts: [],
};

type Async<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T] & string;

/** Every command the UI may send: the PorchApi methods that change something (they all return a Promise). */
export const COMMANDS = [
  "createProfile",
  "setLanguage",
  "createGroup",
  "createInviteLink",
  "joinWithInvite",
  "previewInvite",
  "setDisplayName",
  "recoveryPhrase",
  "life.circleCsv",
  "life.addGoal",
  "life.editGoal",
  "life.addProgress",
  "life.addMilestone",
  "life.reachMilestone",
  "life.setGoalState",
  "life.toggleCheer",
  "life.comment",
  "life.setRhythm",
  "life.postCheckIn",
  "life.replyToCheckIn",
  "life.postOffer",
  "life.claimOffer",
  "life.confirmOffer",
  "life.thankOffer",
  "life.withdrawOffer",
  "life.createCircle",
  "life.markPaid",
  "life.confirmReceived",
  "membership.createInvite",
  "membership.revokeInvite",
  "membership.remove",
  "membership.leave",
  "membership.setRole",
  "membership.openDeviceLink",
  "membership.linkThisDevice",
  "membership.recover",
  "membership.dismissNotices",
  "news.markSeen",
  "journal.saveMonth",
  "journal.setBaseline",
  "journal.setConsent",
  "journal.exportJson",
  "journal.exportCsv",
  "journal.deleteJournal",
  "cohorts.enrol",
  "cohorts.setVolunteer",
] as const satisfies readonly (
  | Async<PorchApi>
  | `life.${Async<PorchApi["life"]>}`
  | `membership.${Async<PorchApi["membership"]>}`
  | `news.${Async<PorchApi["news"]>}`
  | `journal.${Async<PorchApi["journal"]>}`
  | `cohorts.${Async<PorchApi["cohorts"]>}`
)[];

/** One command name. */
export type Command = (typeof COMMANDS)[number];

/** UI → core. `network` relays the page's online/offline events (a worker's own are not reliable). */
export type ToCore =
  | { readonly type: "call"; readonly id: number; readonly command: Command; readonly args: readonly unknown[] }
  | { readonly type: "network"; readonly online: boolean };

/**
 * One group's views as sent: `life` and `membership` are left out when they equal what the page already
 * holds (the last views sent, or the cached ones it painted), so a large group is neither cloned across
 * the boundary nor reconciled by the UI when nothing in it changed.
 */
export interface GroupUpdate {
  readonly view: GroupView;
  readonly life?: LifeView | null;
  readonly membership?: MembershipView | null;
  readonly news: NewsView | null;
}

/** A snapshot as sent: every group the device has, each as a `GroupUpdate`. */
export interface SnapshotUpdate extends Omit<CoreSnapshot, "byGroup" | "journal"> {
  readonly byGroup: Readonly<Record<string, GroupUpdate>>;
  /** Left out when equal to what the page already holds. */
  readonly journal?: JournalView | null;
}

/** Core → UI. */
export type FromCore =
  | { readonly type: "views"; readonly update: SnapshotUpdate }
  | { readonly type: "reply"; readonly id: number; readonly value: unknown }
  /** A command threw (a bug, or storage failing): the UI shows a sentence, never the message. */
  | { readonly type: "crashed"; readonly id: number; readonly message: string }
  /** The core could not start (storage unavailable, or a quota error while opening). */
  | { readonly type: "start-failed"; readonly message: string };

/** The one thing both sides need of a Worker, a MessagePort, or a worker's global scope. */
export interface CorePort {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}
