/**
 * Everything this device keeps about one group: the engine's sync record plus the group's membership
 * log and wrapped epoch keys, persisted as ONE record (see engine/sync-record.ts for why).
 */
import type { SyncRecord } from "../../engine/sync-record.ts";

export type { OutboxItem } from "../../engine/sync-record.ts";

/** The persisted state of one group on this device. */
export interface GroupRecord extends SyncRecord {
  readonly groupId: string;
  /** Membership-log entries (wire bytes) in order; the client re-validates them on load. */
  readonly log: readonly Uint8Array[];
  /**
   * The checkpoint `log` starts after, for a member who joined from one (its signatures are checked
   * again on load); absent or null when `log` starts at `create`.
   */
  readonly checkpoint?: Uint8Array | null;
  /** Epoch keys this device holds, wrapped by the device key: CBOR map epoch → key, sealed. */
  readonly wrappedKeys: Uint8Array;
  /** True until this member's display name is written into the document. */
  readonly needsProfileWrite: boolean;
}
