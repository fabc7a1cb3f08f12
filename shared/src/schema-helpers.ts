/** Small valibot building blocks shared by every wire schema. */
import * as v from "valibot";

/** Any byte array (typed as plain `Uint8Array`, whatever its buffer). */
export const anyBytes = v.custom<Uint8Array>((x) => x instanceof Uint8Array, "expected bytes");

/** Exactly `length` bytes. */
export const bytesOf = (length: number) =>
  v.pipe(
    anyBytes,
    v.check((b) => b.length === length, `expected ${length} bytes`),
  );

/** At most `max` bytes. */
export const bytesUpTo = (max: number) =>
  v.pipe(
    anyBytes,
    v.check((b) => b.length <= max, `expected at most ${max} bytes`),
  );

/** A non-negative safe integer. */
export const uint = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

/** Parses untrusted data; `null` when it does not match (never throws). */
export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> | null {
  const result = v.safeParse(schema, input);
  return result.success ? result.output : null;
}
