import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loadConfig, RELAY_NODE_FLAGS } from "./config.ts";

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
  ])("refuses %o with one sentence", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
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
