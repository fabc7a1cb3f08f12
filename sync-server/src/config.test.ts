import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("gives an operator who sets nothing a local relay on 8787 with data beside them", () => {
    const config = loadConfig({}, "/srv/porch");
    expect(config.port).toBe(8787);
    expect(config.host).toBe("127.0.0.1");
    expect(config.dataDir).toBe("/srv/porch/data");
    expect(config.staticDir.endsWith("/dist")).toBe(true);
    expect(config.databaseUrl).toBeNull();
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
      /^PORCH_CATCHUP_PAGE_BYTES must be a whole number from 1024 to 67108864 bytes, not "4MB"\.$/,
    ],
    [{ PORCH_CATCHUP_PAGE_BYTES: "10" }, /^PORCH_CATCHUP_PAGE_BYTES must be a whole number from 1024/],
    [{ PORCH_CATCHUP_PAGE_ITEMS: "0" }, /^PORCH_CATCHUP_PAGE_ITEMS must be a whole number from 1 to 100000, not "0"/],
    [{ PORCH_CATCHUPS_PER_GROUP: "-1" }, /^PORCH_CATCHUPS_PER_GROUP must be a whole number from 1 to 1000/],
    [{ PORCH_SOCKET_BUFFER_BYTES: "1.5" }, /^PORCH_SOCKET_BUFFER_BYTES must be a whole number/],
    [{ PORCH_SOCKET_SLOW_SENDS: "many" }, /^PORCH_SOCKET_SLOW_SENDS must be a whole number from 1/],
    [{ PORCH_SOCKET_DRAIN_MS: "5" }, /^PORCH_SOCKET_DRAIN_MS must be a whole number from 100 to 3600000 ms, not "5"/],
    [
      { PORCH_CATCHUP_PAGE_BYTES: "8388608", PORCH_SOCKET_BUFFER_BYTES: "4194304" },
      /^PORCH_CATCHUP_PAGE_BYTES \(8388608\) must not be larger than PORCH_SOCKET_BUFFER_BYTES \(4194304\)/,
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
});
