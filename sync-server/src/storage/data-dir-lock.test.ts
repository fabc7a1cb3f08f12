import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, LOCK_FILE_NAME } from "./data-dir-lock.ts";

describe("data directory lock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "porch-lock-"));
  });
  afterEach(async () => {
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
    const lockModule = fileURLToPath(new URL("./data-dir-lock.ts", import.meta.url));
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

  it("a lock left by a relay that died is taken over", async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), "999999\n");
    const lock = await acquireDataDirLock(dir);
    expect((await readFile(join(dir, LOCK_FILE_NAME), "utf8")).trim()).toBe(String(process.pid));
    await lock.release();
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
