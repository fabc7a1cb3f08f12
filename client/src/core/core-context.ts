/**
 * What the feature services (membership, group life) get from the core: the unlocked identity, the
 * open groups, the relay connection, and a way to say "re-read". Framework-free.
 */
import type { Identity } from "@porch/shared";
import type { GroupStore } from "./features/membership/group-store.ts";
import type { DeviceRecord, LocalDb } from "./store/local-db.ts";
import type { RelayConnection } from "./engine/relay-connection.ts";

/** The core's parts, available once this device has an identity. */
export interface CoreParts {
  readonly identity: Identity;
  readonly device: DeviceRecord;
  readonly store: GroupStore;
  readonly connection: RelayConnection;
}

/** Shared by every feature service. */
export interface CoreContext {
  readonly db: LocalDb;
  /** The parts, or throws "used before onboarding" (a bug: the UI shows onboarding first). */
  need(): CoreParts;
  /** The parts, or null before onboarding. */
  parts(): CoreParts | null;
  /** Resolves true once authenticated with the relay, false after `timeoutMs`. */
  whenOnline(timeoutMs?: number): Promise<boolean>;
  /** Tells the UI to re-read. */
  notify(): void;
}
