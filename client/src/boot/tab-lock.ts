/**
 * One tab per profile runs the core: two cores on one IndexedDB would both send under the same device
 * counters and outbox, and the relay would refuse one of them (edits lost). The Web Locks API elects
 * the tab; a lock is released when its tab closes, so a waiting tab takes over by itself.
 */

/** Resolves once this tab holds the core's lock (held until the tab closes); `onWaiting` runs if another tab has it. */
export function holdCoreLock(name: string, onWaiting: () => void): Promise<void> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  // Without Web Locks (very old browsers) there is no safe election: run, as before.
  if (locks === undefined) return Promise.resolve();
  return new Promise((granted) => {
    const hold = () => {
      granted();
      return new Promise<never>(() => undefined);
    };
    void locks.request(name, { ifAvailable: true }, (lock) => {
      if (lock !== null) return hold();
      onWaiting();
      void locks.request(name, hold);
      return undefined;
    });
  });
}
