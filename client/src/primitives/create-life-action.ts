/**
 * Like `createAction`, for group-life writes: a `bad-entry` failure carries the input problem in its
 * `detail` (a `LifeInputError`), and `message()` turns either into a sentence the member understands.
 */
import type { Result } from "@porch/shared";
import { type Accessor, createSignal } from "solid-js";
import { isLifeInputError, type LifeInputError } from "../core/api/group-life-api.ts";
import { createAction } from "./create-action.ts";
import { useI18n } from "./i18n-context.tsx";

export interface LifeAction<A extends unknown[], T> {
  /** Resolves to the result, or `undefined` when a run was already under way or it threw. */
  readonly run: (...args: A) => Promise<Result<T> | undefined>;
  readonly pending: Accessor<boolean>;
  /** The failure as a translated sentence, or null. */
  readonly message: Accessor<string | null>;
  /** Shows a problem found before calling the core (same codes as the core's). */
  readonly reject: (problem: LifeInputError) => void;
  readonly clear: () => void;
}

export function createLifeAction<A extends unknown[], T>(call: (...args: A) => Promise<Result<T>>): LifeAction<A, T> {
  const { t, errorText } = useI18n();
  const action = createAction(call);
  const [problem, setProblem] = createSignal<LifeInputError | null>(null);
  const run = async (...args: A) => {
    setProblem(null);
    const result = await action.run(...args);
    if (result && !result.ok && result.code === "bad-entry" && isLifeInputError(result.detail))
      setProblem(result.detail);
    return result;
  };
  const message = () => {
    const p = problem();
    if (p !== null) return t(`life.problems.${p}`);
    const code = action.error();
    return code === null ? null : errorText(code);
  };
  return {
    run,
    pending: action.pending,
    message,
    reject: (p) => {
      action.clearError();
      setProblem(p);
    },
    clear: () => {
      action.clearError();
      setProblem(null);
    },
  };
}
