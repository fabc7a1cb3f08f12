/**
 * The relay's HTTP surface: health, the sync WebSocket, and the built PWA. Everything the app needs
 * comes in through `deps`, so tests build it without a port (`app.request`).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import packageJson from "../package.json" with { type: "json" };
import type { ErrorCode } from "@porch/shared";
import { errorHandler, notFound } from "./http-errors.ts";
import { CSP_REPORT_PATH, securityHeaders, summariseCspReport } from "./security-headers.ts";
import { staticFiles } from "./static-files.ts";
import { RoundService } from "./aggregation/round-service.ts";
import { DEFAULT_RELAY_LIMITS, type RelayLimits } from "./relay-limits.ts";
import type { RelayStorage } from "./storage/relay-storage.ts";
import type { Hub } from "./ws/hub.ts";
import type { FlowLimits } from "./ws/flow-limits.ts";
import { syncRoute } from "./ws/sync-route.ts";

export interface AppDeps {
  readonly storage: RelayStorage;
  readonly hub: Hub;
  /** Consented aggregation's rounds; made here (without its deadline timer) when not given. */
  readonly rounds?: RoundService;
  /** The built PWA, or `null` to serve the API only. */
  readonly staticDir: string | null;
  /** The relay's clock (ms); tests move it. */
  readonly now?: () => number;
  /** Where event codes go (never secrets); defaults to stderr. */
  readonly log?: (code: string, detail?: string) => void;
  /** Catch-up pages and socket buffer limits (config.ts); defaults when absent. */
  readonly flow?: FlowLimits;
  /** The limits of a public relay; the defaults when absent. */
  readonly limits?: RelayLimits;
  /** Starting, ready or draining (`/api/ready`); an app built without one is always ready. */
  readonly lifecycle?: Lifecycle;
}

/** Where the relay is in its life, for the readiness endpoint (relay-server.ts moves it). */
export interface Lifecycle {
  readonly state: "starting" | "ready" | "draining";
}

/** Largest HTTP request body (no route takes one yet; uploads go over the WebSocket). */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

/** Event codes to stderr (the relay's default log). */
export const defaultLog = (code: string, detail?: string) =>
  console.warn(detail === undefined ? `[relay] ${code}` : `[relay] ${code}: ${detail}`);

export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? defaultLog;
  const rounds = deps.rounds ?? new RoundService({ storage: deps.storage, hub: deps.hub, now, log });
  const headers = securityHeaders();
  const cspReports = perMinute(CSP_REPORTS_PER_MINUTE);
  const app = new Hono()
    // Every response but the WebSocket upgrade (a 101 has no page to protect) gets the security headers.
    .use("*", async (c, next) => (c.req.path === "/api/sync" ? next() : headers(c, next)))
    .use(
      "/api/*",
      bodyLimit({
        maxSize: MAX_HTTP_BODY_BYTES,
        onError: (c) => c.json({ error: "frame-too-large" satisfies ErrorCode }, 413),
      }),
    )
    .post(CSP_REPORT_PATH, async (c) => {
      // Browsers post `application/csp-report` JSON; anyone can post anything, so it is only logged,
      // as a directive and an origin, at most CSP_REPORTS_PER_MINUTE times a minute.
      const summary = summariseCspReport(await c.req.json().catch(() => null));
      if (summary !== null && cspReports.allow(now())) log("csp-violation", summary);
      return c.body(null, 204);
    })
    // Liveness: the process answers. Readiness (below): send it members, i.e. not starting or draining.
    .get("/api/health", (c) => c.json({ ok: true as const, version: packageJson.version }))
    .get("/api/ready", (c) => {
      const state = deps.lifecycle?.state ?? "ready";
      c.header("Cache-Control", "no-store");
      return state === "ready"
        ? c.json({ ready: true as const, state })
        : c.json({ ready: false as const, state }, 503);
    })
    .get(
      "/api/sync",
      async (c, next) => {
        // A relay that is draining takes no new socket: the client tries again, and reaches a ready relay.
        if (deps.lifecycle?.state === "draining") {
          c.header("Retry-After", "1");
          return c.json({ error: "unavailable" }, 503);
        }
        await next();
      },
      syncRoute({
        storage: deps.storage,
        hub: deps.hub,
        rounds,
        now,
        log,
        flow: deps.flow,
        limits: deps.limits ?? DEFAULT_RELAY_LIMITS,
      }),
      (c) => c.json({ error: "unknown-request" satisfies ErrorCode }, 426),
    );
  if (deps.staticDir !== null) app.use("*", ...staticFiles(deps.staticDir));
  app.notFound(notFound);
  app.onError(errorHandler(log));
  return app;
}

/** Most violation reports the relay logs in a minute (the rest are dropped). */
export const CSP_REPORTS_PER_MINUTE = 60;

function perMinute(limit: number) {
  let windowStart = 0;
  let count = 0;
  return {
    allow(at: number): boolean {
      if (at - windowStart >= 60_000) [windowStart, count] = [at, 0];
      return ++count <= limit;
    },
  };
}

/** The typed shape of the relay's HTTP API (for `hc`). */
export type AppType = ReturnType<typeof createApp>;
