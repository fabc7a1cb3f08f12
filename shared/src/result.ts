/**
 * Expected failures travel as values, never as exceptions: `{ ok: false, code }`.
 * Bugs throw (see `assert`); untrusted input never throws out of a socket callback.
 */
import type { ErrorCode } from "./errors.ts";

/** Success carrying a value. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}
/** An expected failure, named by a stable code from `errors.ts`. */
export interface Err {
  readonly ok: false;
  readonly code: ErrorCode;
  /** Developer detail for logs; never shown to a member, never contains secrets. */
  readonly detail?: string;
}
/** The result of an operation that can fail in an expected way. */
export type Result<T> = Ok<T> | Err;

/** Wraps a value as success. */
export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
/** Builds an expected failure. */
export const err = (code: ErrorCode, detail?: string): Err =>
  detail === undefined ? { ok: false, code } : { ok: false, code, detail };

/** Throws when an internal invariant is broken (a bug, not bad input). */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
