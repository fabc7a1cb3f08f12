/**
 * The relay's HTTP surface: health, the sync WebSocket, and the built PWA. Everything the app needs
 * comes in through `deps`, so tests build it without a port (`app.request`).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import packageJson from "../package.json" with { type: "json" };
import type { ErrorCode } from "@porch/shared";
import { errorHandler, notFound } from "./http-errors.ts";
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
  const app = new Hono()
    .use(
      "/api/*",
      bodyLimit({
        maxSize: MAX_HTTP_BODY_BYTES,
        onError: (c) => c.json({ error: "frame-too-large" satisfies ErrorCode }, 413),
      }),
    )
    .get("/api/health", (c) => c.json({ ok: true as const, version: packageJson.version }))
    .get(
      "/api/sync",
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

/** The typed shape of the relay's HTTP API (for `hc`). */
export type AppType = ReturnType<typeof createApp>;
