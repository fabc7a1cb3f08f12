/**
 * Parses an optional target amount typed as whole dollars. Accepts what people actually type on a
 * phone — "1500", "1,500", "$1,500" — and rejects cents, negatives and anything over the maximum.
 */
export const MAX_TARGET_AMOUNT = 10_000_000;

export type TargetAmount =
  | { readonly ok: true; readonly value: number | null }
  | { readonly ok: false; readonly problem: "invalid" | "too-large" };

export function makeTargetAmount(raw: string): TargetAmount {
  const text = raw.trim().replace(/^\$/, "").replace(/[,\s]/g, "");
  if (text === "") return { ok: true, value: null };
  if (!/^\d+$/.test(text)) return { ok: false, problem: "invalid" };
  const value = Number(text);
  if (value > MAX_TARGET_AMOUNT) return { ok: false, problem: "too-large" };
  return { ok: true, value };
}
