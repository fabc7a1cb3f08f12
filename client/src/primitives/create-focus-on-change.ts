/**
 * Moves focus to the main heading when the screen changes, so keyboard and screen-reader users
 * land at the top of the new screen instead of on a button that no longer exists.
 */
import { type Accessor, createEffect, on } from "solid-js";

export function createFocusOnChange(key: Accessor<string>, selector = "main h1"): void {
  createEffect(
    on(
      key,
      () => {
        queueMicrotask(() => document.querySelector<HTMLElement>(selector)?.focus());
      },
      { defer: true },
    ),
  );
}
