/**
 * libsodium, loaded once. Every crypto function in Porch is synchronous and calls `sodium()`;
 * `readySodium()` must have resolved first (the client awaits it at start-up, the relay in main.ts,
 * tests in a setup hook).
 */
import lib from "libsodium-wrappers";

let loaded = false;

/** Resolves when libsodium's wasm is ready; safe to call many times. */
export async function readySodium(): Promise<void> {
  await lib.ready;
  loaded = true;
}

/** The ready libsodium instance. Throws if `readySodium()` has not resolved (a start-up bug). */
export function sodium(): typeof lib {
  if (!loaded) throw new Error("libsodium used before readySodium() resolved");
  return lib;
}
