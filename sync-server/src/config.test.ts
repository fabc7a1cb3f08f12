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
  ])("refuses %o with one sentence", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
