import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteStorage, openPgliteStore } from "./pglite-storage.ts";
import { runRelayStorageContract } from "./relay-storage.contract.ts";

runRelayStorageContract(
  "PGlite in memory",
  async () => {
    const { storage, sql } = await openPgliteStore({ dataDir: null });
    return { storage, sql: () => sql, teardown: () => storage.close() };
  },
  { durable: false },
);

// initdb takes seconds, so every test copies one freshly created (and closed) data directory.
const root = await mkdtemp(join(tmpdir(), "porch-relay-"));
let template: Promise<string> | null = null;
function freshDataDir(): Promise<string> {
  template ??= (async () => {
    const dir = join(root, "template");
    await (await openPgliteStorage({ dataDir: dir })).close();
    return dir;
  })();
  return template;
}
let copies = 0;
// A new data directory is created and migrated by a child process (a few seconds, more under load):
// once, before the tests, with room for a busy machine.
beforeAll(() => freshDataDir().then(() => undefined), 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

runRelayStorageContract(
  "PGlite in a data directory",
  async () => {
    const dir = join(root, `copy-${++copies}`);
    await cp(await freshDataDir(), dir, { recursive: true });
    let current = await openPgliteStore({ dataDir: dir });
    return {
      storage: current.storage,
      sql: () => current.sql,
      async reopen() {
        await current.storage.close();
        current = await openPgliteStore({ dataDir: dir });
        return current.storage;
      },
      async teardown() {
        await current.storage.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  { durable: true },
);

describe("openPgliteStorage on a data directory", () => {
  // initdb on a new directory takes seconds, more when the whole suite shares two cores.
  it("refuses a second store on an open directory and leaves the first one working", { timeout: 30_000 }, async () => {
    const dir = join(root, "twice");
    const group = new Uint8Array([1]);
    const first = await openPgliteStorage({ dataDir: dir });
    await expect(openPgliteStorage({ dataDir: dir })).rejects.toThrow(
      `Another Porch relay (pid ${process.pid}) is already using the data directory ${dir}.`,
    );
    expect(
      await first.appendEntry(group, null, { hash: new Uint8Array([2]), bytes: new Uint8Array([3]) }),
    ).toMatchObject({ ok: true });
    await first.close();
    const again = await openPgliteStorage({ dataDir: dir });
    expect(await again.readLog(group, 0)).toEqual([
      { index: 0, hash: new Uint8Array([2]), bytes: new Uint8Array([3]) },
    ]);
    await again.close();
  });
});
