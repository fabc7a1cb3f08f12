/**
 * An exclusive lock on the relay's data directory. PGlite ignores its own lock, and two processes on
 * one directory silently lose committed rows, so the relay takes this lock before opening it.
 *
 * The lock is a file created exclusively (written to a temporary file, then hard-linked into place:
 * `link` fails if the name exists, like O_EXCL, and nobody ever sees it half-written). It records who
 * holds it well enough to tell a live relay from a stale lock:
 *
 * - `pid`, and on Linux the process's start time (`/proc/<pid>/stat`, field 22, in clock ticks since
 *   boot) and the kernel's boot id (`/proc/sys/kernel/random/boot_id`). A pid is reused — after a
 *   reboot, or in a container restarted after SIGKILL, where the new relay is often pid 1 again — but
 *   the same pid with the same start time in the same boot is the same process.
 * - a random `token`, so that a process never mistakes another lock for its own (release, takeover).
 *
 * The lock is stale, and taken over, when its process is gone, or is alive with another start time or
 * in another boot, or is this very process without holding the lock (a previous life with the same
 * pid). Where `/proc` is missing (macOS), only pid liveness can be checked. A lock written by an older
 * relay holds only a pid: it counts as live only while that pid is a Node process other than this one.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";

export const LOCK_FILE_NAME = "porch-relay.lock";

export interface DataDirLock {
  /** Removes the lock file (if it is still ours). Safe to call twice. */
  release(): Promise<void>;
}

/** What a lock file says about its holder. */
export interface LockHolder {
  readonly pid: number;
  /** `/proc/<pid>/stat` field 22; null where /proc is missing or in a lock of an older relay. */
  readonly startTime: string | null;
  readonly bootId: string | null;
  /** Random per acquisition; null in a lock of an older relay (a bare pid). */
  readonly token: string | null;
}

/** Tokens of the locks this process holds now (a second acquisition in the same process is refused). */
const heldTokens = new Set<string>();

export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, LOCK_FILE_NAME);
  const me = describeProcess(process.pid, randomBytes(16).toString("hex"));
  const tmpPath = `${lockPath}.${process.pid}.${me.token}`;
  await writeFile(tmpPath, `${JSON.stringify(me)}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmpPath, lockPath);
        heldTokens.add(me.token!);
        return makeLock(lockPath, me.token!);
      } catch (e) {
        if (errorCode(e) !== "EEXIST") throw e;
      }
      const holder = await readHolder(lockPath);
      if (holder === undefined) continue; // removed meanwhile: try again
      if (holder !== null && isLiveHolder(holder)) throw new Error(inUseMessage(holder.pid, dir, lockPath));
      await takeOverStale(lockPath, holder, dir);
    }
    throw new Error(
      `Could not lock the data directory ${dir}: other relays keep starting on it. Start only one relay.`,
    );
  } finally {
    await rm(tmpPath, { force: true });
  }
}

function makeLock(lockPath: string, token: string): DataDirLock {
  return {
    async release() {
      if (!heldTokens.has(token)) return;
      if ((await readHolder(lockPath))?.token === token) await rm(lockPath, { force: true });
      heldTokens.delete(token);
    },
  };
}

/**
 * Moves a stale lock aside. If another process replaced it between our read and the rename, the file
 * we moved is theirs: put it back and refuse, rather than run two relays on one directory.
 */
async function takeOverStale(lockPath: string, stale: LockHolder | null, dir: string): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    await rename(lockPath, aside);
  } catch (e) {
    if (errorCode(e) === "ENOENT") return;
    throw e;
  }
  const moved = await readHolder(aside);
  if (moved !== undefined && moved !== null && !sameHolder(moved, stale) && isLiveHolder(moved)) {
    await link(aside, lockPath).catch(() => {});
    await rm(aside, { force: true });
    throw new Error(inUseMessage(moved.pid, dir, lockPath));
  }
  await rm(aside, { force: true });
}

const sameHolder = (a: LockHolder, b: LockHolder | null) =>
  b !== null && a.pid === b.pid && a.token === b.token && a.startTime === b.startTime;

function inUseMessage(pid: number, dir: string, lockPath: string): string {
  return (
    `Another Porch relay (pid ${pid}) is already using the data directory ${dir}. ` +
    `Stop it first, or set PORCH_DATA_DIR to another directory. ` +
    `(If no relay is running, delete ${lockPath}.)`
  );
}

/** Whether the lock's holder is a live relay (see the file's comment for the rules). */
export function isLiveHolder(holder: LockHolder): boolean {
  if (holder.token !== null && heldTokens.has(holder.token)) return true;
  if (holder.pid === process.pid) return false; // our pid, not our lock: a previous life's
  if (!isAlive(holder.pid)) return false;
  if (holder.token === null) return isNodeProcess(holder.pid);
  const now = describeProcess(holder.pid, null);
  if (holder.bootId !== null && now.bootId !== null && holder.bootId !== now.bootId) return false;
  if (holder.startTime !== null && now.startTime !== null && holder.startTime !== now.startTime) return false;
  return true;
}

/** The pid's identity as the lock records it (start time and boot id where /proc has them). */
function describeProcess(pid: number, token: string | null): LockHolder {
  return { pid, startTime: processStartTime(pid), bootId: bootId(), token };
}

/** `/proc/<pid>/stat` field 22 (start time in clock ticks after boot); null without /proc or process. */
function processStartTime(pid: number): string | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Field 2 (the command) is in parentheses and may hold spaces or parentheses: count after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const startTime = fields[22 - 3];
  return startTime !== undefined && /^\d+$/.test(startTime) ? startTime : null;
}

function bootId(): string | null {
  return readProc("/proc/sys/kernel/random/boot_id")?.trim() || null;
}

/** For a lock of an older relay (a bare pid): is that pid a Node process? Unknown (no /proc) counts as yes. */
function isNodeProcess(pid: number): boolean {
  const cmdline = readProc(`/proc/${pid}/cmdline`);
  if (cmdline === null) return !existsProc();
  const argv0 = basename(cmdline.split("\0")[0] ?? "");
  return /^node(js)?(\d+)?$/.test(argv0) || argv0 === basename(process.execPath);
}

const existsProc = () => readProc("/proc/self/stat") !== null;

function readProc(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** The holder a lock file names; null when unreadable garbage, undefined when the file is gone. */
async function readHolder(path: string): Promise<LockHolder | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if (errorCode(e) === "ENOENT") return undefined;
    throw e;
  }
  return parseHolder(text);
}

/** A lock file's text: this version's JSON, or an older relay's bare pid. */
export function parseHolder(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const pid = Number(trimmed);
    return validPid(pid) ? { pid, startTime: null, bootId: null, token: null } : null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const { pid, startTime, bootId, token } = raw as Record<string, unknown>;
  if (typeof pid !== "number" || !validPid(pid) || typeof token !== "string") return null;
  return {
    pid,
    startTime: typeof startTime === "string" ? startTime : null,
    bootId: typeof bootId === "string" ? bootId : null,
    token,
  };
}

const validPid = (pid: number) => Number.isSafeInteger(pid) && pid > 0;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return errorCode(e) !== "ESRCH";
  }
}

function errorCode(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}
