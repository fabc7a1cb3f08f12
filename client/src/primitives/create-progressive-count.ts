/**
 * How many items of a long list to render now: `first` at once, then `step` more in each following
 * task until all are shown (tasks, not animation frames: a tab in the background must still finish). A cheap phone opening three years of a group would otherwise build every
 * card in one task (measured: ~100 ms for 50 goal cards unthrottled, several times that on a slow
 * phone); in slices the page stays responsive and the first cards paint sooner.
 *
 * "Finished" is a signal of its own: the count must never read a plain variable that changes while
 * Solid re-renders (an earlier version cleared its timer inside the step, so the step's own update
 * saw "finished" and built every remaining card in that one task).
 */
import { type Accessor, createSignal, onCleanup } from "solid-js";

export function createProgressiveCount(total: Accessor<number>, first = 4, step = 4): Accessor<number> {
  const [shown, setShown] = createSignal(first);
  const [finished, setFinished] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const grow = () => {
    if (shown() >= total()) {
      timer = null;
      setFinished(true);
      return;
    }
    setShown((n) => n + step);
    timer = setTimeout(grow, 0);
  };
  timer = setTimeout(grow, 0);
  onCleanup(() => timer !== null && clearTimeout(timer));
  // Items added later (a sync, a new goal) show at once: only the first build is sliced.
  return () => (finished() ? total() : Math.min(shown(), total()));
}
