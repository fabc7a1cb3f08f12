/**
 * The installed app's badge shows how many things are new across the member's groups (Badging API,
 * where the platform has it; nothing happens elsewhere). Set from what the device already knows:
 * no push service, so no third party learns anything.
 */
import { type Accessor, createEffect } from "solid-js";

interface Badging {
  setAppBadge?: (count?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
}

export function createAppBadge(count: Accessor<number>): void {
  createEffect(() => {
    const n = count();
    const nav = navigator as Navigator & Badging;
    if (typeof nav.setAppBadge !== "function" || typeof nav.clearAppBadge !== "function") return;
    // A browser tab (not installed) may refuse; the badge is a nicety, never an error to show.
    (n > 0 ? nav.setAppBadge(n) : nav.clearAppBadge()).catch(() => undefined);
  });
}
