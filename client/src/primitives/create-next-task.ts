/**
 * False now, true from the next task on: for parts of a screen below the fold, so the task that paints
 * the top of a big screen (the group's first goal cards) does not also build everything under it
 * (measured in the open benchmark: the members section — list, history, leaving — is a good share of
 * the first render of a large group).
 */
import { type Accessor, createSignal, onCleanup } from "solid-js";

export function createNextTask(): Accessor<boolean> {
  const [ready, setReady] = createSignal(false);
  const timer = setTimeout(() => setReady(true), 0);
  onCleanup(() => clearTimeout(timer));
  return ready;
}
