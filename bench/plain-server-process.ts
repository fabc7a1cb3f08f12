/** Runs the plain automerge-repo server in its own Node process, as the Porch relay runs in its own. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A plain server child process. */
export interface PlainServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL("./plain-automerge-server.ts", import.meta.url));

/** Spawns `plain-automerge-server.ts` and resolves with its URL once it listens. */
export function spawnPlainServer(): Promise<PlainServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
  process.once("exit", () => child.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`plain server exited (${code}): ${out}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const m = /listening (\d+)/.exec(out);
      if (m === null) return;
      child.removeAllListeners("exit");
      resolve({
        url: `ws://127.0.0.1:${m[1]}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
