/**
 * The root seed shown as a 24-word BIP-39 phrase (the seed is the BIP-39 *entropy*; we never use
 * `mnemonicToSeed`). Phrases are accepted in English or Spanish, typed loosely: any case, extra
 * spaces, Spanish words without accents, or just the first four letters of each word.
 * Errors never contain the member's words (they are a secret): only the position of a bad word.
 */
import { entropyToMnemonic, mnemonicToEntropy } from "@scure/bip39";
import { wordlist as english } from "@scure/bip39/wordlists/english.js";
import { wordlist as spanish } from "@scure/bip39/wordlists/spanish.js";
import { err, ok, type Result } from "../result.ts";

const WORDLISTS = { en: english, es: spanish } as const;

/** The languages a recovery phrase can be written in. */
export type PhraseLanguage = keyof typeof WORDLISTS;

/** The 24-word phrase for a 32-byte root seed, in the member's language. */
export function seedToPhrase(rootSeed: Uint8Array, lang: PhraseLanguage): string {
  return entropyToMnemonic(rootSeed, WORDLISTS[lang]);
}

const fold = (w: string) =>
  w
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function canonicalWord(typed: string, list: readonly string[]): string | null {
  const t = fold(typed);
  for (const w of list) if (fold(w) === t) return w;
  if (t.length >= 4) {
    const matches = list.filter((w) => fold(w).startsWith(t.slice(0, 4)));
    if (matches.length === 1 && fold(matches[0]!).startsWith(t)) return matches[0]!;
  }
  return null;
}

/** Why a phrase was refused, and where: `position` is 1-based. */
export type PhraseError =
  | { readonly code: "phrase-wrong-length"; readonly count: number }
  | { readonly code: "phrase-unknown-word"; readonly position: number }
  | { readonly code: "phrase-bad-checksum" };

/** Parses a typed phrase back into the root seed. */
export function phraseToSeed(typed: string): Result<Uint8Array> & { readonly phraseError?: PhraseError } {
  const words = typed
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length !== 24)
    return { ...err("phrase-wrong-length"), phraseError: { code: "phrase-wrong-length", count: words.length } };
  let firstUnknown: number | null = null;
  for (const list of Object.values(WORDLISTS)) {
    const canonical = words.map((w) => canonicalWord(w, list));
    const unknown = canonical.findIndex((w) => w === null);
    if (unknown === -1) {
      try {
        return ok(mnemonicToEntropy(canonical.join(" "), list));
      } catch {
        return { ...err("phrase-bad-checksum"), phraseError: { code: "phrase-bad-checksum" } };
      }
    }
    // Report against the language the member most likely used: the one that matched more words.
    firstUnknown = firstUnknown === null ? unknown : Math.max(firstUnknown, unknown);
  }
  const position = (firstUnknown ?? 0) + 1;
  return { ...err("phrase-unknown-word"), phraseError: { code: "phrase-unknown-word", position } };
}
