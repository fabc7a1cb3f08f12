/**
 * An exclusive lock on the relay's data directory. PGlite ignores its own lock, and two processes on
 * one directory silently lose committed rows, so the relay takes this lock before opening it.
 *
 * The lock is a file holding the owner's pid, created exclusively (written to a temporary file, then
 * hard-linked into place: `link` fails if the name exists, like O_EXCL, and nobody ever sees it
 * half-written). A lock whose pid is no longer alive is stale and is taken over.
 */
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const LOCK_FILE_NAME = "porch-relay.lock";

export interface DataDirLock {
  /** Removes the lock file (if it is still ours). Safe to call twice. */
  release(): Promise<void>;
}

export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, LOCK_FILE_NAME);
  const tmpPath = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmpPath, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmpPath, lockPath);
        return makeLock(lockPath);
      } catch (e) {
        if (errorCode(e) !== "EEXIST") throw e;
      }
      const holder = await readPid(lockPath);
      if (holder === undefined) continue; // removed meanwhile: try again
      if (holder !== null && isAlive(holder)) throw new Error(inUseMessage(holder, dir, lockPath));
      await takeOverStale(lockPath, holder, dir);
    }
    throw new Error(
      `Could not lock the data directory ${dir}: other relays keep starting on it. Start only one relay.`,
    );
  } finally {
    await rm(tmpPath, { force: true });
  }
}

function makeLock(lockPath: string): DataDirLock {
  return {
    async release() {
      if ((await readPid(lockPath)) === process.pid) await rm(lockPath, { force: true });
    },
  };
}

/**
 * Moves a stale lock aside. If another process replaced it between our read and the rename, the file
 * we moved is theirs: put it back and refuse, rather than run two relays on one directory.
 */
async function takeOverStale(lockPath: string, stalePid: number | null, dir: string): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}`;
  try {
    await rename(lockPath, aside);
  } catch (e) {
    if (errorCode(e) === "ENOENT") return;
    throw e;
  }
  const moved = await readPid(aside);
  if (moved !== stalePid && moved !== undefined && moved !== null && isAlive(moved)) {
    await link(aside, lockPath).catch(() => {});
    await rm(aside, { force: true });
    throw new Error(inUseMessage(moved, dir, lockPath));
  }
  await rm(aside, { force: true });
}

function inUseMessage(pid: number, dir: string, lockPath: string): string {
  return (
    `Another Porch relay (pid ${pid}) is already using the data directory ${dir}. ` +
    `Stop it first, or set PORCH_DATA_DIR to another directory. ` +
    `(If no relay is running, delete ${lockPath}.)`
  );
}

/** The pid in a lock file; null when unreadable garbage, undefined when the file is gone. */
async function readPid(path: string): Promise<number | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if (errorCode(e) === "ENOENT") return undefined;
    throw e;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

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
