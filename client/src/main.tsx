/**
 * Entry point. The shell paints at once: the core (Automerge, libsodium, storage, sync) loads in a
 * dedicated Web Worker, and the first screen comes from the cached views (or the welcome screen on a
 * new device) while it does. Only one tab per profile runs the core (tab-lock.ts).
 */
import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { DICTIONARIES, guessLang } from "./i18n/translator.ts";
import { RemotePorch } from "./boot/remote-porch.ts";
import { holdCoreLock } from "./boot/tab-lock.ts";
import { readStartViews } from "./core/store/view-cache.ts";
import "./styles.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
const guessed = guessLang(navigator.languages ?? [navigator.language]);

/** A one-line message in place of the app (before Solid renders anything). */
function say(text: string, testId: string, role: "status" | "alert"): void {
  const message = document.createElement("p");
  message.className = role === "alert" ? "error" : "loading";
  message.setAttribute("role", role);
  message.setAttribute("data-testid", testId);
  message.textContent = text;
  document.documentElement.lang = guessed;
  root!.replaceChildren(message);
}

async function start(): Promise<void> {
  await holdCoreLock("porch-core", () => say(DICTIONARIES[guessed].otherTab, "other-tab", "status"));
  const worker = new Worker(new URL("./core/core-worker.ts", import.meta.url), { type: "module", name: "porch-core" });
  const network = () => worker.postMessage({ type: "network", online: navigator.onLine });
  network();
  addEventListener("online", network);
  addEventListener("offline", network);
  const first = await readStartViews();
  const porch = new RemotePorch(worker, first ?? undefined);
  if (first === null) {
    // A device with a profile but no cached views yet: wait for the core's own.
    say(DICTIONARIES[guessed].loading, "loading", "status");
    await new Promise<void>((ready) => {
      const stop = porch.subscribe(() => {
        stop();
        ready();
      });
    });
  }
  if (porch.failed) return say(DICTIONARIES[guessed].startFailed, "error", "alert");
  // Where the views on screen came from ("empty", "cache", then "live"): for the curious and for tests.
  const mark = () => (document.documentElement.dataset.views = porch.source);
  mark();
  porch.subscribe(mark);
  // Once there is something to keep, ask the browser not to evict it (only a page may ask; the relay
  // plus the recovery phrase restore everything if it does).
  const persist = () => porch.profile() !== null && void navigator.storage?.persist?.().catch(() => false);
  if (!persist()) {
    const stop = porch.subscribe(() => persist() && stop());
  }
  root!.textContent = "";
  render(() => <App porch={porch} />, root!);
}

start().catch((error: unknown) => {
  console.error("Porch: could not start", error);
  say(DICTIONARIES[guessed].startFailed, "error", "alert");
});
