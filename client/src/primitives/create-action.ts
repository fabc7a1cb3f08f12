/**
 * Runs one PorchApi call at a time for a form or button: `pending()` disables the button (no double
 * submits on a slow phone), `error()` holds the failure code to show as a sentence.
 */
import type { ErrorCode, Result } from "@porch/shared";
import { type Accessor, createSignal } from "solid-js";

export type ActionError = ErrorCode | "unexpected";

export interface Action<A extends unknown[], T> {
  /** Resolves to the result, or `undefined` when a run was already under way or it threw. */
  readonly run: (...args: A) => Promise<Result<T> | undefined>;
  readonly pending: Accessor<boolean>;
  readonly error: Accessor<ActionError | null>;
  readonly clearError: () => void;
}

export function createAction<A extends unknown[], T>(call: (...args: A) => Promise<Result<T>>): Action<A, T> {
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<ActionError | null>(null);
  const run = async (...args: A): Promise<Result<T> | undefined> => {
    if (pending()) return undefined;
    setPending(true);
    setError(null);
    try {
      const result = await call(...args);
      if (!result.ok) setError(result.code);
      return result;
    } catch (thrown: unknown) {
      // A bug in the core, not an expected failure: say so plainly and keep the details in the console.
      console.error("Porch: unexpected failure", thrown);
      setError("unexpected");
      return undefined;
    } finally {
      setPending(false);
    }
  };
  return { run, pending, error, clearError: () => setError(null) };
}
