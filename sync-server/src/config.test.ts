import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loadConfig, RELAY_NODE_FLAGS } from "./config.ts";
import { DEFAULT_RELAY_LIMITS } from "./relay-limits.ts";

describe("loadConfig", () => {
  it("gives an operator who sets nothing a local relay on 8787 with data beside them", () => {
    const config = loadConfig({}, "/srv/porch");
    expect(config.port).toBe(8787);
    expect(config.host).toBe("127.0.0.1");
    expect(config.dataDir).toBe("/srv/porch/data");
    expect(config.staticDir.endsWith("/dist")).toBe(true);
    expect(config.databaseUrl).toBeNull();
    expect(config.limits).toEqual(DEFAULT_RELAY_LIMITS);
    expect(config.limits).toEqual({
      helloTimeoutMs: 10_000,
      maxSocketsPerIdentity: 20,
      maxSocketsPerAddress: 200,
      maxGroupsPerIdentity: 100,
      maxOpenLinksPerIdentity: 10,
      maxGroupBytes: 268_435_456,
      maxCohortFamilies: 30_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
    });
  });

  it("takes every limit from its own variable", () => {
    const config = loadConfig({
      PORCH_HELLO_TIMEOUT_MS: "5000",
      PORCH_MAX_SOCKETS_PER_IDENTITY: "8",
      PORCH_MAX_SOCKETS_PER_ADDRESS: " 1000 ",
      PORCH_MAX_GROUPS_PER_IDENTITY: "25",
      PORCH_MAX_OPEN_LINKS_PER_IDENTITY: "3",
      PORCH_MAX_GROUP_BYTES: "1073741824",
      PORCH_MAX_COHORT_FAMILIES: "5000",
      PORCH_HEADERS_TIMEOUT_MS: "20000",
      PORCH_REQUEST_TIMEOUT_MS: "60000",
    });
    expect(config.limits).toEqual({
      helloTimeoutMs: 5_000,
      maxSocketsPerIdentity: 8,
      maxSocketsPerAddress: 1_000,
      maxGroupsPerIdentity: 25,
      maxOpenLinksPerIdentity: 3,
      maxGroupBytes: 1_073_741_824,
      maxCohortFamilies: 5_000,
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 60_000,
    });
  });

  it("takes the values an operator sets, resolving relative directories", () => {
    const config = loadConfig(
      { PORT: "0", HOST: "0.0.0.0", PORCH_DATA_DIR: "state", PORCH_STATIC_DIR: "/var/www/porch" },
      "/srv/porch",
    );
    expect(config).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      dataDir: "/srv/porch/state",
      staticDir: "/var/www/porch",
    });
  });

  it.each([
    [{ PORT: "eighty" }, /^PORT must be a whole number/],
    [{ PORT: "70000" }, /^PORT must be a whole number/],
    [{ PORT: "-1" }, /^PORT must be a whole number/],
    [{ HOST: "my host" }, /^HOST must be/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must start with postgres/],
    [{ DATABASE_URL: "not a url" }, /^DATABASE_URL must be a URL/],
    [
      { PORCH_CATCHUP_PAGE_BYTES: "4MB" },
      /^PORCH_CATCHUP_PAGE_BYTES must be a whole number of bytes from 1,024 to 67,108,864, not "4MB"\.$/,
    ],
    [
      { PORCH_MAX_COHORT_FAMILIES: "40000" },
      /^PORCH_MAX_COHORT_FAMILIES must be a whole number of families from 2 to 30,000, not "40000"\.$/,
    ],
    [{ PORCH_CATCHUP_PAGE_BYTES: "10" }, /^PORCH_CATCHUP_PAGE_BYTES must be a whole number of bytes from 1,024/],
    [
      { PORCH_CATCHUP_PAGE_ITEMS: "0" },
      /^PORCH_CATCHUP_PAGE_ITEMS must be a whole number of items from 1 to 100,000, not "0"/,
    ],
    [
      { PORCH_CATCHUPS_PER_GROUP: "-1" },
      /^PORCH_CATCHUPS_PER_GROUP must be a whole number of catch-ups from 1 to 1,000/,
    ],
    [{ PORCH_SOCKET_BUFFER_BYTES: "1.5" }, /^PORCH_SOCKET_BUFFER_BYTES must be a whole number/],
    [{ PORCH_SOCKET_SLOW_SENDS: "many" }, /^PORCH_SOCKET_SLOW_SENDS must be a whole number of sends from 1/],
    [
      { PORCH_SOCKET_DRAIN_MS: "5" },
      /^PORCH_SOCKET_DRAIN_MS must be a whole number of milliseconds from 100 to 3,600,000, not "5"/,
    ],
    [
      { PORCH_CATCHUP_PAGE_BYTES: "8388608", PORCH_SOCKET_BUFFER_BYTES: "4194304" },
      /^PORCH_CATCHUP_PAGE_BYTES \(8388608\) must not be larger than PORCH_SOCKET_BUFFER_BYTES \(4194304\)/,
    ],
    [
      { PORCH_HELLO_TIMEOUT_MS: "10s" },
      /^PORCH_HELLO_TIMEOUT_MS must be a whole number of milliseconds from 1,000 to 600,000, not "10s"\.$/,
    ],
    [{ PORCH_HELLO_TIMEOUT_MS: "50" }, /^PORCH_HELLO_TIMEOUT_MS must be a whole number of milliseconds from 1,000/],
    [
      { PORCH_MAX_SOCKETS_PER_IDENTITY: "0" },
      /^PORCH_MAX_SOCKETS_PER_IDENTITY must be a whole number of sockets from 1/,
    ],
    [
      { PORCH_MAX_SOCKETS_PER_ADDRESS: "-5" },
      /^PORCH_MAX_SOCKETS_PER_ADDRESS must be a whole number of sockets from 1/,
    ],
    [{ PORCH_MAX_GROUPS_PER_IDENTITY: "1e3" }, /^PORCH_MAX_GROUPS_PER_IDENTITY must be a whole number of groups/],
    [
      { PORCH_MAX_OPEN_LINKS_PER_IDENTITY: "2.5" },
      /^PORCH_MAX_OPEN_LINKS_PER_IDENTITY must be a whole number of links/,
    ],
    [{ PORCH_MAX_GROUP_BYTES: "256MiB" }, /^PORCH_MAX_GROUP_BYTES must be a whole number of bytes from 1,048,576/],
    [{ PORCH_MAX_GROUP_BYTES: "1000" }, /^PORCH_MAX_GROUP_BYTES must be a whole number of bytes from 1,048,576/],
    [{ PORCH_HEADERS_TIMEOUT_MS: "ten" }, /^PORCH_HEADERS_TIMEOUT_MS must be a whole number of milliseconds/],
    [
      { PORCH_REQUEST_TIMEOUT_MS: "99999999" },
      /^PORCH_REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 1,000 to 3,600,000/,
    ],
    [
      { PORCH_HEADERS_TIMEOUT_MS: "40000" },
      /^PORCH_HEADERS_TIMEOUT_MS \(40000\) must not be longer than PORCH_REQUEST_TIMEOUT_MS \(30000\)\.$/,
    ],
  ])("refuses %o with one sentence", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("bounds what a socket may ask before reading: defaults, and the values an operator sets", () => {
    expect(loadConfig({}).flow).toEqual({
      catchUpPageBytes: 4 * 1024 * 1024,
      catchUpPageItems: 2000,
      catchUpsPerGroup: 4,
      socketBufferBytes: 16 * 1024 * 1024,
      slowSends: 64,
      drainMs: 60_000,
    });
    expect(
      loadConfig({
        PORCH_CATCHUP_PAGE_BYTES: "65536",
        PORCH_CATCHUP_PAGE_ITEMS: "50",
        PORCH_CATCHUPS_PER_GROUP: "2",
        PORCH_SOCKET_BUFFER_BYTES: "1048576",
        PORCH_SOCKET_SLOW_SENDS: "8",
        PORCH_SOCKET_DRAIN_MS: " 1000 ",
      }).flow,
    ).toEqual({
      catchUpPageBytes: 65536,
      catchUpPageItems: 50,
      catchUpsPerGroup: 2,
      socketBufferBytes: 1048576,
      slowSends: 8,
      drainMs: 1000,
    });
  });

  it("operations: 16MB of PGlite shared buffers and a 10 s drain unless the operator says otherwise", () => {
    expect(loadConfig({}).ops).toEqual({ pgliteSharedBuffers: "16MB", drainTimeoutMs: 10_000 });
    expect(loadConfig({ PORCH_PGLITE_SHARED_BUFFERS: "128MB", PORCH_DRAIN_TIMEOUT_MS: "0" }).ops).toEqual({
      pgliteSharedBuffers: "128MB",
      drainTimeoutMs: 0,
    });
  });

  it.each([
    [{ PORCH_PGLITE_SHARED_BUFFERS: "16" }, /^PORCH_PGLITE_SHARED_BUFFERS must be a size/],
    [{ PORCH_PGLITE_SHARED_BUFFERS: "64kB" }, /^PORCH_PGLITE_SHARED_BUFFERS must be a size/],
    [{ PORCH_PGLITE_SHARED_BUFFERS: "2GB" }, /^PORCH_PGLITE_SHARED_BUFFERS must be a size/],
    [{ PORCH_PGLITE_SHARED_BUFFERS: "16MB; drop" }, /^PORCH_PGLITE_SHARED_BUFFERS must be a size/],
    [{ PORCH_DRAIN_TIMEOUT_MS: "soon" }, /^PORCH_DRAIN_TIMEOUT_MS must be/],
  ])("refuses the operations setting %o with one sentence", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("npm start and npm run serve run the relay with its Node flags", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      scripts: Record<string, string>;
    };
    for (const script of ["start", "serve"])
      expect(pkg.scripts[script]).toContain(`node ${RELAY_NODE_FLAGS.join(" ")} --import tsx sync-server/src/main.ts`);
  });
});
