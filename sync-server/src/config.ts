/**
 * The relay's settings, read from the environment by main.ts (the only file that touches env).
 * Every bad value fails start-up with one sentence an operator can act on.
 */
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_FLOW_LIMITS, type FlowLimits } from "./ws/flow-limits.ts";
import { MAX_COHORT } from "@porch/shared/aggregation";
import { DEFAULT_RELAY_LIMITS, type RelayLimits } from "./relay-limits.ts";

/** Validated relay settings. */
export interface RelayConfig {
  readonly port: number;
  readonly host: string;
  /** Where the embedded database lives (absolute). */
  readonly dataDir: string;
  /** The built PWA (absolute). */
  readonly staticDir: string;
  /** PostgreSQL for scale-out; when set, main.ts opens it instead of the embedded store in `dataDir`. */
  readonly databaseUrl: string | null;
  /** Catch-up pages, repeated subscribes and socket buffers (ws/flow-limits.ts). */
  readonly flow: FlowLimits;
  /** The limits a public relay needs (relay-limits.ts), each from its own variable. */
  readonly limits: RelayLimits;
  /** Operations: memory and shutdown (the block at the end of this file). */
  readonly ops: OpsConfig;
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Reads and validates settings; throws an `Error` whose message is one clear sentence. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): RelayConfig {
  return {
    port: parsePort(env["PORT"]),
    host: parseHost(env["HOST"]),
    dataDir: parseDir("PORCH_DATA_DIR", env["PORCH_DATA_DIR"], resolve(cwd, "data"), cwd),
    staticDir: parseDir("PORCH_STATIC_DIR", env["PORCH_STATIC_DIR"], resolve(REPO_ROOT, "dist"), cwd),
    databaseUrl: parseDatabaseUrl(env["DATABASE_URL"]),
    flow: parseFlow(env),
    limits: parseLimits(env),
    ops: loadOpsConfig(env),
  };
}

const MIB = 1024 * 1024;

/** The flow limits; each whole number within a range that keeps the relay usable. */
function parseFlow(env: Readonly<Record<string, string | undefined>>): FlowLimits {
  const d = DEFAULT_FLOW_LIMITS;
  const whole = (name: string, fallback: number, unit: string, min: number, max: number) =>
    wholeNumber(name, env[name], { fallback, unit, min, max });
  const flow: FlowLimits = {
    catchUpPageBytes: whole("PORCH_CATCHUP_PAGE_BYTES", d.catchUpPageBytes, "bytes", 1024, 64 * MIB),
    catchUpPageItems: whole("PORCH_CATCHUP_PAGE_ITEMS", d.catchUpPageItems, "items", 1, 100_000),
    catchUpsPerGroup: whole("PORCH_CATCHUPS_PER_GROUP", d.catchUpsPerGroup, "catch-ups", 1, 1000),
    socketBufferBytes: whole("PORCH_SOCKET_BUFFER_BYTES", d.socketBufferBytes, "bytes", 64 * 1024, 1024 * MIB),
    slowSends: whole("PORCH_SOCKET_SLOW_SENDS", d.slowSends, "sends", 1, 100_000),
    drainMs: whole("PORCH_SOCKET_DRAIN_MS", d.drainMs, "milliseconds", 100, 3_600_000),
  };
  if (flow.catchUpPageBytes > flow.socketBufferBytes)
    throw new Error(
      `PORCH_CATCHUP_PAGE_BYTES (${flow.catchUpPageBytes}) must not be larger than PORCH_SOCKET_BUFFER_BYTES (${flow.socketBufferBytes}): one page must fit in a socket's buffer.`,
    );
  return flow;
}

/**
 * The one reader of a whole-number setting: unset or blank gives `fallback`; anything but digits, or
 * a number outside [min, max], stops start-up with one sentence naming the variable, unit and range.
 */
function wholeNumber(
  name: string,
  raw: string | undefined,
  { fallback, unit, min, max }: { fallback: number; unit: string; min: number; max: number },
): number {
  const value = present(raw);
  if (value === null) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new Error(
      `${name} must be a whole number${unit === "" ? "" : ` of ${unit}`} from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}, not "${value}".`,
    );
  return n;
}

/**
 * Each limit: its variable, what one unit is called in the sentence, and the range an operator may set
 * (wide enough for any real relay, narrow enough that a typo such as a missing "000" is caught).
 */
const LIMIT_VARIABLES: readonly {
  readonly key: keyof RelayLimits;
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}[] = [
  { key: "helloTimeoutMs", name: "PORCH_HELLO_TIMEOUT_MS", unit: "milliseconds", min: 1_000, max: 600_000 },
  { key: "maxSocketsPerIdentity", name: "PORCH_MAX_SOCKETS_PER_IDENTITY", unit: "sockets", min: 1, max: 100_000 },
  { key: "maxSocketsPerAddress", name: "PORCH_MAX_SOCKETS_PER_ADDRESS", unit: "sockets", min: 1, max: 1_000_000 },
  { key: "maxGroupsPerIdentity", name: "PORCH_MAX_GROUPS_PER_IDENTITY", unit: "groups", min: 1, max: 1_000_000 },
  { key: "maxOpenLinksPerIdentity", name: "PORCH_MAX_OPEN_LINKS_PER_IDENTITY", unit: "links", min: 1, max: 1_000 },
  { key: "maxGroupBytes", name: "PORCH_MAX_GROUP_BYTES", unit: "bytes", min: MIB, max: Number.MAX_SAFE_INTEGER },
  { key: "maxCohortFamilies", name: "PORCH_MAX_COHORT_FAMILIES", unit: "families", min: 2, max: MAX_COHORT },
  { key: "headersTimeoutMs", name: "PORCH_HEADERS_TIMEOUT_MS", unit: "milliseconds", min: 1_000, max: 600_000 },
  { key: "requestTimeoutMs", name: "PORCH_REQUEST_TIMEOUT_MS", unit: "milliseconds", min: 1_000, max: 3_600_000 },
];

/** The environment variable that sets each limit (for docs and messages). */
export const LIMIT_ENV_NAMES: Readonly<Record<keyof RelayLimits, string>> = Object.fromEntries(
  LIMIT_VARIABLES.map((v) => [v.key, v.name]),
) as Record<keyof RelayLimits, string>;

function parseLimits(env: Readonly<Record<string, string | undefined>>): RelayLimits {
  const limits: Record<keyof RelayLimits, number> = { ...DEFAULT_RELAY_LIMITS };
  for (const { key, name, unit, min, max } of LIMIT_VARIABLES)
    limits[key] = wholeNumber(name, env[name], { fallback: limits[key], unit, min, max });
  // Node refuses a headers timeout longer than the request timeout; say so before it does.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new Error(
      `PORCH_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not be longer than PORCH_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}).`,
    );
  return limits;
}

function present(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? null : trimmed;
}

function parsePort(raw: string | undefined): number {
  return wholeNumber("PORT", raw, { fallback: 8787, unit: "", min: 0, max: 65535 });
}

function parseHost(raw: string | undefined): string {
  const value = present(raw);
  if (value === null) return "127.0.0.1";
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(value))
    throw new Error(`HOST must be a host name or IP address such as 127.0.0.1 or 0.0.0.0, not "${value}".`);
  return value;
}

function parseDir(name: string, raw: string | undefined, fallback: string, cwd: string): string {
  const value = present(raw);
  if (value === null) return fallback;
  if (value.includes("\0")) throw new Error(`${name} must be a directory path.`);
  return isAbsolute(value) ? value : resolve(cwd, value);
}

function parseDatabaseUrl(raw: string | undefined): string | null {
  const value = present(raw);
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("DATABASE_URL must be a URL such as postgres://user@host:5432/porch.");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:")
    throw new Error("DATABASE_URL must start with postgres:// or postgresql://.");
  return value;
}

// ---------------------------------------------------------------------------------------------------
// Operations: the embedded database's memory and graceful shutdown. Kept apart from the socket and
// quota limits above so that each block changes on its own.
// ---------------------------------------------------------------------------------------------------

/** How the relay uses memory and how it stops. */
export interface OpsConfig {
  /**
   * PGlite's `shared_buffers` (e.g. `16MB`). PostgreSQL's 128MB default alone keeps ~150 MB resident
   * in the relay; the database's pages are cached by the OS as well (bench/README.md, "relay-memory").
   */
  readonly pgliteSharedBuffers: string;
  /** On SIGTERM/SIGINT, how long in-flight requests may take before sockets are closed anyway (ms). */
  readonly drainTimeoutMs: number;
}

export const DEFAULT_PGLITE_SHARED_BUFFERS = "16MB";

/**
 * Node flags the relay runs with (`npm start`, `npm run serve`, and the tests' relay processes; a
 * deployment that starts main.ts itself should pass them too). V8 grows its young generation to
 * 3 × 16 MB while PGlite starts and keeps it: 2 MB semi-spaces keep ~40 MB off an idle relay
 * (bench/README.md, "relay-memory"). They must be on the command line: V8 sizes its heap at start.
 */
export const RELAY_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=2"];
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export function loadOpsConfig(env: Readonly<Record<string, string | undefined>>): OpsConfig {
  return {
    pgliteSharedBuffers: parseSharedBuffers(env["PORCH_PGLITE_SHARED_BUFFERS"]),
    drainTimeoutMs: parseDrainTimeout(env["PORCH_DRAIN_TIMEOUT_MS"]),
  };
}

function parseSharedBuffers(raw: string | undefined): string {
  const value = present(raw);
  if (value === null) return DEFAULT_PGLITE_SHARED_BUFFERS;
  const match = /^(\d+)(kB|MB|GB)$/.exec(value);
  const kib = match === null ? NaN : Number(match[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[match[2] as "kB"];
  // PostgreSQL's minimum is 128kB; PGlite's wasm memory cannot grow past 2 GB.
  if (!(kib >= 128 && kib <= 1024 * 1024))
    throw new Error(`PORCH_PGLITE_SHARED_BUFFERS must be a size from 128kB to 1GB such as 16MB, not "${value}".`);
  return value;
}

function parseDrainTimeout(raw: string | undefined): number {
  return wholeNumber("PORCH_DRAIN_TIMEOUT_MS", raw, {
    fallback: DEFAULT_DRAIN_TIMEOUT_MS,
    unit: "milliseconds",
    min: 0,
    max: 600_000,
  });
}
