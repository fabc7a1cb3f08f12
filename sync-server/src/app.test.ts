import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import type { RelayStorage } from "./storage/relay-storage.ts";
import { Hub } from "./ws/hub.ts";

// HTTP routes never touch storage; the sync socket does (tested in ws/).
const storage = {} as RelayStorage;
const quiet = () => {};
let staticDir: string;
const page = `<!doctype html><title>Porch</title>${"<p>Goals and help among friends.</p>".repeat(100)}`;
const buildJson = JSON.stringify({ app: "porch", version: "0.1.0", algorithm: "sha256", digest: "ab", files: {} });
const orgPage = `<!doctype html><title>Porch — organization dashboard</title>${"<p>Cohorts and rounds.</p>".repeat(100)}`;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), "porch-static-"));
  await writeFile(join(staticDir, "index.html"), page);
  await writeFile(join(staticDir, "org.html"), orgPage);
  await writeFile(join(staticDir, "sw.js"), "self.addEventListener('fetch', () => {});");
  await mkdir(join(staticDir, "assets"));
  await writeFile(join(staticDir, "assets", "index-3f2a9c1d.js"), `console.log(${JSON.stringify("x".repeat(4000))});`);
  await mkdir(join(staticDir, ".well-known"));
  await writeFile(join(staticDir, ".well-known", "porch-build.json"), buildJson);
});
afterAll(async () => {
  await rm(staticDir, { recursive: true, force: true });
});

describe("the relay's HTTP surface", () => {
  const api = createApp({ storage, hub: new Hub(), staticDir: null, log: quiet });

  it("reports health with its version", async () => {
    const res = await api.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("is ready only between starting and draining, while health says the process is alive throughout", async () => {
    const lifecycle: { state: "starting" | "ready" | "draining" } = { state: "starting" };
    const app = createApp({ storage, hub: new Hub(), staticDir: null, log: quiet, lifecycle });
    const probe = async () => {
      const res = await app.request("/api/ready");
      expect(res.headers.get("cache-control")).toBe("no-store");
      return [res.status, await res.json(), (await app.request("/api/health")).status];
    };
    expect(await probe()).toEqual([503, { ready: false, state: "starting" }, 200]);
    lifecycle.state = "ready";
    expect(await probe()).toEqual([200, { ready: true, state: "ready" }, 200]);
    lifecycle.state = "draining";
    expect(await probe()).toEqual([503, { ready: false, state: "draining" }, 200]);
    // A draining relay takes no new socket: the client tries again and reaches a ready relay.
    const sync = await app.request("/api/sync");
    expect(sync.status).toBe(503);
    expect(sync.headers.get("retry-after")).toBe("1");
  });

  it("answers an unknown API path with a JSON 404 and nothing else", async () => {
    const res = await api.request("/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.text()).toBe(JSON.stringify({ error: "unknown-request" }));
  });

  it("tells a plain GET of the sync socket to upgrade", async () => {
    const res = await api.request("/api/sync");
    expect(res.status).toBe(426);
  });

  it("never leaks an error's message or stack", async () => {
    const app = createApp({ storage, hub: new Hub(), staticDir: null, log: quiet });
    app.get("/api/boom", () => {
      throw new Error("password=hunter2 at /srv/porch/secret.ts:12");
    });
    const res = await app.request("/api/boom");
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(JSON.stringify({ error: "internal" }));
  });

  it("refuses a body over the limit with 413", async () => {
    const app = createApp({ storage, hub: new Hub(), staticDir: null, log: quiet });
    app.post("/api/echo", async (c) => c.json({ size: (await c.req.arrayBuffer()).byteLength }));
    const res = await app.request("/api/echo", { method: "POST", body: new Uint8Array(100 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "frame-too-large" });
  });
});

describe("serving the built app", () => {
  const app = () => createApp({ storage, hub: new Hub(), staticDir, log: quiet });

  it("serves index.html compressed and always revalidated", async () => {
    const res = await app().request("/", { headers: { "Accept-Encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(gunzipSync(new Uint8Array(await res.arrayBuffer())).toString("utf8")).toBe(page);
  });

  it("falls back to index.html for a page of the app, but not for the API or a missing file", async () => {
    const page = await app().request("/groups/abc");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect((await app().request("/api/groups")).status).toBe(404);
    expect((await app().request("/assets/missing-1234.js")).status).toBe(404);
  });

  it("serves the organization's dashboard at /org, /org/ and below it, always revalidated", async () => {
    for (const path of ["/org", "/org/", "/org/cohorts"]) {
      const res = await app().request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/text\/html/);
      expect(res.headers.get("cache-control"), path).toBe("no-cache");
      expect(await res.text(), path).toBe(orgPage);
    }
    expect(await (await app().request("/org.html")).text()).toBe(orgPage);
  });

  it("keeps the member app for paths that only start like /org, and 404s a missing file under /org", async () => {
    expect(await (await app().request("/organisation")).text()).toBe(page);
    expect(await (await app().request("/orgs/abc")).text()).toBe(page);
    expect((await app().request("/org/missing-1234.js")).status).toBe(404);
    expect((await app().request("/api/org")).status).toBe(404);
  });

  it("lets hashed assets be cached for a year and the service worker never", async () => {
    const asset = await app().request("/assets/index-3f2a9c1d.js");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const sw = await app().request("/sw.js");
    expect(sw.headers.get("cache-control")).toBe("no-cache");
  });

  it("publishes the build's file hashes at /.well-known/porch-build.json, always revalidated", async () => {
    const res = await app().request("/.well-known/porch-build.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toBe(buildJson);
  });
});

describe("security headers", () => {
  const csp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
    "style-src 'self'; img-src 'self'; font-src 'self'; manifest-src 'self'; object-src 'none'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; report-uri /api/csp-report";
  const app = createApp({ storage, hub: new Hub(), staticDir: null, log: quiet });
  const withPages = () => createApp({ storage, hub: new Hub(), staticDir, log: quiet });

  it.each(["/", "/org", "/groups/abc", "/assets/index-3f2a9c1d.js", "/sw.js", "/.well-known/porch-build.json"])(
    "%s carries the strict CSP, nosniff, no referrer and DENY framing",
    async (path) => {
      const res = await withPages().request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toBe(csp);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("permissions-policy")).toBe(
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
      );
      // A relay on plain http must not pin HTTPS for its host: TLS in front of it sets HSTS.
      expect(res.headers.get("strict-transport-security")).toBeNull();
    },
  );

  it("so do the API's answers, errors included", async () => {
    for (const path of ["/api/health", "/api/ready", "/api/nope"]) {
      const res = await app.request(path);
      expect(res.headers.get("content-security-policy"), path).toBe(csp);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("logs a browser's violation report as a directive and an origin only, and answers 204", async () => {
    const logged: string[] = [];
    const app = createApp({
      storage,
      hub: new Hub(),
      staticDir: null,
      log: (code, detail) => logged.push(`${code}: ${detail}`),
    });
    const report = (body: unknown) =>
      app.request("/api/csp-report", {
        method: "POST",
        headers: { "Content-Type": "application/csp-report" },
        body: JSON.stringify(body),
      });
    const res = await report({
      "csp-report": {
        "document-uri": "http://127.0.0.1:8787/#/join/SECRET",
        "effective-directive": "connect-src",
        "blocked-uri": "https://tracker.example/collect?id=SECRET",
      },
    });
    expect(res.status).toBe(204);
    await report({ "csp-report": { "violated-directive": "script-src-elem", "blocked-uri": "inline" } });
    await report({ nonsense: true });
    expect(logged).toEqual([
      "csp-violation: connect-src https://tracker.example",
      "csp-violation: script-src-elem inline",
    ]);
    for (let i = 0; i < 100; i++)
      await report({ "csp-report": { "effective-directive": "img-src", "blocked-uri": "data" } });
    expect(logged.length).toBe(60);
  });
});
