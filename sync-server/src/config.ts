/**
 * The relay's settings, read from the environment by main.ts (the only file that touches env).
 * Every bad value fails start-up with one sentence an operator can act on.
 */
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_FLOW_LIMITS, type FlowLimits } from "./ws/flow-limits.ts";
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
  };
}

const MIB = 1024 * 1024;

/** The flow limits; each whole number within a range that keeps the relay usable. */
function parseFlow(env: Readonly<Record<string, string | undefined>>): FlowLimits {
  const d = DEFAULT_FLOW_LIMITS;
  const whole = (name: string, fallback: number, min: number, max: number, unit = "") =>
    parseWhole(name, env[name], fallback, min, max, unit);
  const flow: FlowLimits = {
    catchUpPageBytes: whole("PORCH_CATCHUP_PAGE_BYTES", d.catchUpPageBytes, 1024, 64 * MIB, " bytes"),
    catchUpPageItems: whole("PORCH_CATCHUP_PAGE_ITEMS", d.catchUpPageItems, 1, 100_000),
    catchUpsPerGroup: whole("PORCH_CATCHUPS_PER_GROUP", d.catchUpsPerGroup, 1, 1000),
    socketBufferBytes: whole("PORCH_SOCKET_BUFFER_BYTES", d.socketBufferBytes, 64 * 1024, 1024 * MIB, " bytes"),
    slowSends: whole("PORCH_SOCKET_SLOW_SENDS", d.slowSends, 1, 100_000),
    drainMs: whole("PORCH_SOCKET_DRAIN_MS", d.drainMs, 100, 3_600_000, " ms"),
  };
  if (flow.catchUpPageBytes > flow.socketBufferBytes)
    throw new Error(
      `PORCH_CATCHUP_PAGE_BYTES (${flow.catchUpPageBytes}) must not be larger than PORCH_SOCKET_BUFFER_BYTES (${flow.socketBufferBytes}): one page must fit in a socket's buffer.`,
    );
  return flow;
}

function parseWhole(name: string, raw: string | undefined, fallback: number, min: number, max: number, unit: string) {
  const value = present(raw);
  if (value === null) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}${unit}, not "${value}".`);
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
  { key: "headersTimeoutMs", name: "PORCH_HEADERS_TIMEOUT_MS", unit: "milliseconds", min: 1_000, max: 600_000 },
  { key: "requestTimeoutMs", name: "PORCH_REQUEST_TIMEOUT_MS", unit: "milliseconds", min: 1_000, max: 3_600_000 },
];

/** The environment variable that sets each limit (for docs and messages). */
export const LIMIT_ENV_NAMES: Readonly<Record<keyof RelayLimits, string>> = Object.fromEntries(
  LIMIT_VARIABLES.map((v) => [v.key, v.name]),
) as Record<keyof RelayLimits, string>;

function parseLimits(env: Readonly<Record<string, string | undefined>>): RelayLimits {
  const limits: Record<keyof RelayLimits, number> = { ...DEFAULT_RELAY_LIMITS };
  for (const { key, name, unit, min, max } of LIMIT_VARIABLES) {
    const value = present(env[name]);
    if (value === null) continue;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new Error(
        `${name} must be a whole number of ${unit} from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}, not "${value}".`,
      );
    limits[key] = n;
  }
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
  const value = present(raw);
  if (value === null) return 8787;
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}".`);
  return port;
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
