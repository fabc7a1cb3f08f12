/** Checks a typed name or title: trimmed, then 1 to `max` characters (counting emoji as one). */
export type TextProblem = "required" | "too-long";

export type TrimmedText =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: TextProblem };

export function makeTrimmedText(raw: string, max: number): TrimmedText {
  const value = raw.trim();
  if (value === "") return { ok: false, problem: "required" };
  if ([...value].length > max) return { ok: false, problem: "too-long" };
  return { ok: true, value };
}
