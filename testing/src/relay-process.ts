import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const readyTimeoutMs = 30_000;
const stopGraceMs = 10_000;

/**
 * The relay's limits lifted for load runs (benchmarks): thousands of simulated members connect from
 * this one machine's address and benchmark groups hold years of history. Never a public relay's settings.
 */
export const LOAD_RUN_ENV: Readonly<Record<string, string>> = {
  PORCH_MAX_SOCKETS_PER_ADDRESS: "1000000",
  PORCH_MAX_SOCKETS_PER_IDENTITY: "100000",
  PORCH_MAX_GROUPS_PER_IDENTITY: "1000000",
  PORCH_MAX_GROUP_BYTES: String(Number.MAX_SAFE_INTEGER),
};

export interface RelayOptions {
  /** Reuse a data directory (e.g. a previous relay's) instead of a fresh temporary one. */
  dataDir?: string;
  /**
   * Extra environment for the relay, e.g. `DATABASE_URL`. PORT, HOST and PORCH_DATA_DIR are set by the
   * helper. The test process's own `DATABASE_URL` is NOT passed on: a relay runs the embedded PGlite
   * path unless a test asks for PostgreSQL here.
   */
  env?: Record<string, string>;
}

export interface RelayProcess {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The relay's WebSocket endpoint (`ws://…/api/sync`). */
  syncUrl: string;
  port: number;
  dataDir: string;
  /** The relay's process id (changes across restarts). */
  pid(): number;
  /** The relay's resident set size now, in bytes (`VmRSS` in `/proc/<pid>/status`; Linux only). */
  rssBytes(): number;
  /** Graceful shutdown: SIGTERM, then SIGKILL if the relay has not exited after 10 s. */
  stop(): Promise<void>;
  /** Sends a signal (default SIGKILL, a crash) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /**
   * Stops, then starts again on the same port and data directory. `whileStopped` runs in between
   * (e.g. opening the data directory to read what the relay stored, which a running relay holds locked).
   */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  /** Everything the relay printed so far (stdout and stderr, across restarts). */
  logs(): string;
}

// Temporary data directories and live relays are cleaned up when the test worker exits, so a test
// that fails before `stop()` leaves neither an orphan process nor 40 MB of PGlite in /tmp.
const createdDirs = new Set<string>();
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts the real relay (`node --import tsx sync-server/src/main.ts`) on a free port and resolves
 * once it prints `Porch is running at http://127.0.0.1:<port>/`. Rejects with the collected logs if
 * the relay exits first or is not ready within 30 s.
 */
export async function startRelay(options: RelayOptions = {}): Promise<RelayProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? (await makeTempDir());
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  let child = await spawnRelay();

  function spawnRelay(): Promise<ChildProcess> {
    const proc = spawn(process.execPath, ["--import", "tsx", "sync-server/src/main.ts"], {
      cwd: repoRoot,
      env: {
        ...withoutDatabaseUrl(process.env),
        ...options.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        PORCH_DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    liveChildren.add(proc);
    proc.once("exit", () => liveChildren.delete(proc));
    return waitUntilReady(proc);
  }

  function waitUntilReady(proc: ChildProcess): Promise<ChildProcess> {
    const readyLine = `Porch is running at ${url}/`;
    return new Promise((resolve, reject) => {
      let pending = "";
      const settle = (error?: Error) => {
        clearTimeout(timer);
        proc.off("exit", onExit);
        proc.off("error", onError);
        if (error) {
          proc.kill("SIGKILL");
          reject(error);
        } else resolve(proc);
      };
      const onData = (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        output += text;
        pending += text;
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? "";
        if (lines.some((line) => stripAnsi(line).trim() === readyLine)) settle();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        settle(failure(`the relay exited (code ${code}, signal ${signal}) before it was ready`));
      const onError = (error: Error) => settle(failure(`the relay could not be spawned: ${error.message}`));
      const timer = setTimeout(
        () => settle(failure(`the relay did not print "${readyLine}" within ${readyTimeoutMs / 1000} s`)),
        readyTimeoutMs,
      );
      proc.stdout?.on("data", onData);
      proc.stderr?.on("data", onData);
      proc.once("exit", onExit);
      proc.once("error", onError);
    });
  }

  function failure(reason: string): Error {
    return new Error(`${reason}\n--- relay logs (data dir ${dataDir}) ---\n${output}`);
  }

  async function kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const exited = exitOf(child);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  }

  async function stop(): Promise<void> {
    const exited = exitOf(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), stopGraceMs);
    await exited;
    clearTimeout(timer);
  }

  return {
    url,
    syncUrl: `${url.replace(/^http/, "ws")}/api/sync`,
    port,
    dataDir,
    stop,
    kill,
    async restart(whileStopped) {
      await stop();
      await whileStopped?.();
      output += "\n--- restart ---\n";
      child = await spawnRelay();
    },
    logs: () => output,
    pid: () => child.pid ?? -1,
    rssBytes: () => rssOf(child.pid ?? -1),
  };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "porch-relay-"));
  createdDirs.add(dir);
  return dir;
}

function exitOf(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once("exit", () => resolve()));
}

// A relay may colour its output; the ready line must still be recognised.
const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function stripAnsi(text: string): string {
  return text.replace(ansiColour, "");
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest["DATABASE_URL"];
  return rest;
}
