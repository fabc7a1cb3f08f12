/**
 * The membership log as this device holds it, and the epoch keys it unlocks. Every entry is checked by
 * the same `applyEntry` the relay runs; a log that does not extend what this device already saw
 * (a relay rolling the log back, or forking it) is refused. A device that joined from a checkpoint
 * holds the checkpoint (signed by two members) and only the entries after it: indexes stay global.
 */
import {
  applyEntry,
  checkpointBody,
  decodeEntry,
  replayFromCheckpoint,
  keyCommitment,
  MemberId,
  randomBytes,
  sealLockbox,
  signEntry,
  err,
  ok,
  type EntryType,
  type GroupId,
  type GroupState,
  type Payload,
  type Identity,
  type Result,
  type SignedEntry,
} from "@porch/shared";
import { openLockbox, openPreviousKey, sealPreviousKey } from "@porch/shared/sealing";

/** The log, its validated state and the keys this member holds. */
export class GroupKeys {
  /** The state after the newest `rotate`/`remove` this device replayed itself: what it may vouch for. */
  private rotated: GroupState | null = null;

  private constructor(
    readonly groupId: GroupId,
    private readonly identity: Identity,
    private entries: Uint8Array[],
    private current: GroupState,
    readonly keys: Map<number, Uint8Array>,
    /** The checkpoint this device's log starts at (null: it holds the log from `create`). */
    readonly checkpoint: { readonly wire: Uint8Array; readonly state: GroupState } | null,
  ) {}

  /**
   * Rebuilds from a stored log (re-validating every entry) and stored keys; with `checkpoint`, the log
   * holds the entries after it and the checkpoint's signatures are checked again.
   */
  static fromLog(
    groupId: GroupId,
    identity: Identity,
    log: readonly Uint8Array[],
    keys: Map<number, Uint8Array>,
    checkpoint: Uint8Array | null = null,
  ): Result<GroupKeys> {
    if (checkpoint !== null) {
      const replayed = replayFromCheckpoint(checkpoint, groupId, log);
      if (!replayed.ok) return replayed;
      const start = { wire: checkpoint, state: replayed.value.checkpoint.state };
      const gk = new GroupKeys(groupId, identity, [...log], replayed.value.state, keys, start);
      gk.noteRotations(start.state, log);
      gk.unlockKeys();
      return ok(gk);
    }
    let state: GroupState | null = null;
    let rotated: GroupState | null = null;
    for (const wire of log) {
      const applied = applyEntry(state, wire);
      if (!applied.ok) return applied;
      state = applied.value.state;
      if (applied.value.entry.type === "rotate" || applied.value.entry.type === "remove") rotated = state;
    }
    if (state === null || state.groupId !== groupId) return err("group-not-found");
    const gk = new GroupKeys(groupId, identity, [...log], state, keys, null);
    gk.rotated = rotated;
    gk.unlockKeys();
    return ok(gk);
  }

  /** Finds the newest rotation in `log` (replayed from the checkpoint `from`) so this device can sign its checkpoint. */
  private noteRotations(from: GroupState, log: readonly Uint8Array[]): void {
    let state: GroupState = from;
    for (const wire of log) {
      const applied = applyEntry(state, wire);
      if (!applied.ok) return;
      state = applied.value.state;
      if (applied.value.entry.type === "rotate" || applied.value.entry.type === "remove") this.rotated = state;
    }
  }

  /** The index of the next entry (the log's length, counting what a checkpoint stands for). */
  get length(): number {
    return (this.checkpoint?.state.length ?? 0) + this.entries.length;
  }

  /**
   * The checkpoint this device may sign: the state after the newest rotation it replayed itself (`null`
   * if none), its index and (computed on demand) its canonical bytes. A device that started from a
   * checkpoint vouches only for rotations after it.
   */
  get checkpointToSign(): { readonly index: number; body(): Uint8Array } | null {
    const s = this.rotated;
    return s === null ? null : { index: s.length, body: () => checkpointBody(s) };
  }

  get state(): GroupState {
    return this.current;
  }
  get log(): readonly Uint8Array[] {
    return this.entries;
  }
  /** The key for the current epoch, if this device holds it. */
  get currentKey(): Uint8Array | null {
    return this.keys.get(this.current.epoch) ?? null;
  }
  get isAdmin(): boolean {
    return this.current.members.get(this.identity.memberId)?.role === "admin";
  }
  get isMember(): boolean {
    return this.current.members.has(this.identity.memberId);
  }
  /** This member's role, or null when not (or no longer) a member. */
  get myRole(): "admin" | "member" | null {
    return this.current.members.get(this.identity.memberId)?.role ?? null;
  }
  /** True once the log shows this member removed by an admin, or gone by their own `leave`. */
  get isFormer(): boolean {
    return !this.isMember && this.current.former.has(this.identity.memberId);
  }

  /** Appends entries that follow `index` (entries this device already has are skipped). */
  extend(fromIndex: number, wires: readonly Uint8Array[]): Result<{ readonly added: number }> {
    let added = 0;
    for (let i = 0; i < wires.length; i++) {
      if (fromIndex + i < this.length) continue;
      if (fromIndex + i > this.length) return err("rollback-detected", "log entries skip an index");
      const applied = applyEntry(this.current, wires[i]!);
      if (!applied.ok) return err(applied.code === "stale-head" ? "rollback-detected" : applied.code, applied.detail);
      this.current = applied.value.state;
      this.entries.push(wires[i]!);
      if (applied.value.entry.type === "rotate" || applied.value.entry.type === "remove") this.rotated = this.current;
      added++;
    }
    if (added > 0) this.unlockKeys();
    return ok({ added });
  }

  /**
   * Opens this member's lockboxes in `create`/`rotate` entries, then walks previous-key links back (the
   * state keeps every epoch's chained key, so a device that started from a checkpoint walks back too).
   */
  private unlockKeys(): void {
    const me = MemberId.toBytes(this.identity.memberId);
    for (const wire of this.entries) {
      const entry = decodeEntry(wire);
      if (entry === null) continue;
      // A `remove` carries its rotation inline: its lockboxes and chained key count like a `rotate`'s.
      const rotating = entry.type === "rotate" || entry.type === "remove" ? entry.payload : null;
      const boxes = entry.type === "create" ? [[me, entry.payload.lockbox] as const] : (rotating?.lockboxes ?? []);
      const epoch = rotating?.epoch ?? 0;
      if (entry.type !== "create" && rotating === null) continue;
      if (entry.type === "create" && entry.author !== this.identity.memberId) continue;
      if (this.keys.has(epoch)) continue;
      for (const [recipient, box] of boxes) {
        if (MemberId.fromBytes(recipient) !== this.identity.memberId) continue;
        const opened = openLockbox(box, this.groupId, epoch, me, this.identity.box, this.current.commitments[epoch]!);
        if (opened.ok) this.keys.set(epoch, opened.value);
      }
    }
    for (let epoch = this.current.epoch; epoch > 0; epoch--) {
      const key = this.keys.get(epoch);
      const sealed = this.current.prevKeys[epoch];
      if (key === undefined || sealed === undefined || this.keys.has(epoch - 1)) continue;
      const previous = openPreviousKey(this.groupId, epoch, key, sealed, this.current.commitments[epoch - 1]!);
      if (previous.ok) this.keys.set(epoch - 1, previous.value);
    }
  }

  /** A time for the next entry: now, but never before the log's head. */
  nextTime(now: number): number {
    return Math.max(now, this.current.headTime);
  }

  /**
   * Builds a rotation: a fresh key, a lockbox per remaining member, the old key chained under the new
   * one. With `remove`, it is that member's `remove` entry (the rotation inline, no lockbox for them);
   * otherwise the `rotate` owed after a join, leave, revocation or expiry.
   */
  buildRotation(now: number, remove?: MemberId): { readonly entry: SignedEntry; readonly key: Uint8Array } | null {
    const previous = this.currentKey;
    if (previous === null || !this.isAdmin) return null;
    if (remove !== undefined && !this.current.members.has(remove)) return null;
    const epoch = this.current.epoch + 1;
    const key = randomBytes(32);
    const lockboxes = [...this.current.members]
      .filter(([memberId]) => memberId !== remove)
      .map(
        ([memberId, record]) =>
          [
            MemberId.toBytes(memberId),
            sealLockbox(this.groupId, epoch, MemberId.toBytes(memberId), record.boxKey, key),
          ] as [Uint8Array, Uint8Array],
      );
    const rotation = {
      epoch,
      epochCommit: keyCommitment(key, this.groupId, epoch),
      lockboxes,
      prevKey: sealPreviousKey(this.groupId, epoch, key, previous),
    };
    const common = {
      groupId: this.groupId,
      prev: this.current.head,
      author: this.identity.memberId,
      time: this.nextTime(now),
    };
    const entry =
      remove === undefined
        ? signEntry({ ...common, type: "rotate", payload: rotation }, this.identity.signing.privateKey)
        : signEntry(
            { ...common, type: "remove", payload: { member: MemberId.toBytes(remove), ...rotation } },
            this.identity.signing.privateKey,
          );
    return { entry, key };
  }

  /** Signs any other membership entry on top of the current head, as this member. */
  sign<T extends Exclude<EntryType, "create" | "join" | "rotate" | "remove">>(
    type: T,
    payload: Payload<T>,
    now: number,
  ): SignedEntry {
    return signEntry(
      {
        type,
        groupId: this.groupId,
        prev: this.current.head,
        author: this.identity.memberId,
        time: this.nextTime(now),
        payload,
      },
      this.identity.signing.privateKey,
    );
  }
}
