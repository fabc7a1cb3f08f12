import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, LOCK_FILE_NAME, parseHolder } from "./data-dir-lock.ts";

const hasProc = existsSync("/proc/self/stat");
const lockModule = fileURLToPath(new URL("./data-dir-lock.ts", import.meta.url));

/** Starts a process that takes the lock and holds it until killed; resolves once it holds it. */
async function relayHoldingLock(dir: string): Promise<ChildProcess> {
  const script = `import { acquireDataDirLock } from ${JSON.stringify(lockModule)};
    acquireDataDirLock(${JSON.stringify(dir)}).then(() => { console.log("locked"); setInterval(() => {}, 1000); },
      (e) => { console.error(e.message); process.exit(3); });`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

const lockText = (dir: string) => readFile(join(dir, LOCK_FILE_NAME), "utf8");

describe("data directory lock", () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "porch-lock-"));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill("SIGKILL");
      await exited(child);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("a second relay in the same process is refused with a sentence saying what to do", async () => {
    const first = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(
      `Another Porch relay (pid ${process.pid}) is already using the data directory ${dir}. Stop it first, or set PORCH_DATA_DIR to another directory.`,
    );
    await first.release();
  });

  it("a relay in another process is refused while this one holds the lock", async () => {
    const lock = await acquireDataDirLock(dir);
    const script = `import { acquireDataDirLock } from ${JSON.stringify(lockModule)};
      acquireDataDirLock(${JSON.stringify(dir)}).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); });`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(3);
    expect(stderr).toContain(`Another Porch relay (pid ${process.pid}) is already using the data directory ${dir}.`);
    await lock.release();
  });

  it("a genuine second relay is refused while the first runs; once the first is SIGKILLed, its lock is taken over", async () => {
    const first = await relayHoldingLock(dir);
    children.push(first);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`Another Porch relay (pid ${first.pid}) is already using`);
    first.kill("SIGKILL");
    await exited(first);
    // The lock file is still there (nobody removed it), and names a dead process.
    expect(parseHolder(await lockText(dir))?.pid).toBe(first.pid);
    const lock = await acquireDataDirLock(dir);
    expect(parseHolder(await lockText(dir))?.pid).toBe(process.pid);
    await lock.release();
  });

  it("the lock records the pid, the process's start time and boot (Linux) and a random token", async () => {
    const lock = await acquireDataDirLock(dir);
    const holder = parseHolder(await lockText(dir));
    expect(holder?.pid).toBe(process.pid);
    expect(holder?.token).toMatch(/^[0-9a-f]{32}$/);
    if (hasProc) {
      const stat = readFileSync("/proc/self/stat", "utf8");
      expect(holder?.startTime).toBe(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
      expect(holder?.bootId).toBe(readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
    }
    await lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it("a lock left by a relay that died is taken over", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await exited(gone);
    await writeFile(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: gone.pid, startTime: "1", bootId: null, token: "a".repeat(32) }),
    );
    const lock = await acquireDataDirLock(dir);
    expect(parseHolder(await lockText(dir))?.pid).toBe(process.pid);
    await lock.release();
  });

  it.runIf(hasProc)("a lock holding 1 (an older relay's bare pid: pid 1 is no relay here) is taken over", async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), "1\n");
    const lock = await acquireDataDirLock(dir);
    expect(parseHolder(await lockText(dir))?.pid).toBe(process.pid);
    await lock.release();
  });

  it.runIf(hasProc)("a lock naming an unrelated live process (a sleep) is taken over, bare or recorded", async () => {
    const sleeper = spawn("sleep", ["30"]);
    children.push(sleeper);
    await new Promise((resolve) => sleeper.once("spawn", resolve));
    // An older relay's bare pid: the process is alive, but it is not Node.
    await writeFile(join(dir, LOCK_FILE_NAME), `${sleeper.pid}\n`);
    await (await acquireDataDirLock(dir)).release();
    // This version's record: same pid, but the process started at another time than the one recorded.
    await writeFile(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: sleeper.pid, startTime: "1", bootId: null, token: "b".repeat(32) }),
    );
    await (await acquireDataDirLock(dir)).release();
    expect(sleeper.exitCode).toBeNull();
  });

  it.runIf(hasProc)("a lock recorded in another boot is taken over even though its pid is alive", async () => {
    const holder = await relayHoldingLock(dir);
    children.push(holder);
    const recorded = JSON.parse(await lockText(dir)) as Record<string, unknown>;
    await writeFile(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ ...recorded, bootId: "00000000-0000-0000-0000-000000000000" }),
    );
    await (await acquireDataDirLock(dir)).release();
  });

  it("a lock holding this process's own pid but not its token (a previous life with the same pid) is taken over", async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.pid, token: "c".repeat(32) }));
    await (await acquireDataDirLock(dir)).release();
    await writeFile(join(dir, LOCK_FILE_NAME), `${process.pid}\n`);
    await (await acquireDataDirLock(dir)).release();
  });

  it("a garbage lock file is taken over; release leaves someone else's lock alone", async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), "not a lock");
    const lock = await acquireDataDirLock(dir);
    const someoneElse = JSON.stringify({ pid: process.pid, token: "d".repeat(32) });
    await writeFile(join(dir, LOCK_FILE_NAME), someoneElse);
    await lock.release();
    expect(await lockText(dir)).toBe(someoneElse);
  });

  it("after release the directory can be locked again; a missing directory is created", async () => {
    const nested = join(dir, "a", "b");
    const lock = await acquireDataDirLock(nested);
    await lock.release();
    await lock.release();
    const again = await acquireDataDirLock(nested);
    await again.release();
    await expect(readFile(join(nested, LOCK_FILE_NAME))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
