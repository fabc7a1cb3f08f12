/**
 * An idle relay fits a small VPS: a real relay process (as `npm start` runs it: embedded PGlite,
 * `RELAY_NODE_FLAGS`) stays under 250 MB resident 10 s after start, on a new data directory (whose
 * database a child process creates and migrates) and restarted on an existing one. Before the memory settings it
 * sat at ~900 MB on a new directory and ~400 MB restarted (bench/README.md, "relay-memory").
 */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

/** The bound this test holds the relay to (MB); measured 176–212 on this 2-core machine (other work running). */
const IDLE_RSS_BOUND_MB = 250;

const rssMb = (pid: number) =>
  Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10_000));

let relay: RelayProcess | undefined;
afterAll(async () => {
  await relay?.stop();
});

describe.runIf(existsSync("/proc/self/status"))("an idle relay's memory", () => {
  it(`stays under ${IDLE_RSS_BOUND_MB} MB resident after start, on a new data directory and restarted`, async () => {
    relay = await startRelay();
    await settle();
    const fresh = rssMb(relay.pid());
    await relay.restart();
    await settle();
    const restarted = rssMb(relay.pid());
    console.log(`idle relay RSS: new data directory ${fresh.toFixed(0)} MB, restarted ${restarted.toFixed(0)} MB`);
    expect(fresh).toBeLessThan(IDLE_RSS_BOUND_MB);
    expect(restarted).toBeLessThan(IDLE_RSS_BOUND_MB);
  });
});
