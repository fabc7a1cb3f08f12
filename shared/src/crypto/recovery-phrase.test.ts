/**
 * The recovery phrase is the member's identity written down. It must come back from whatever they type
 * (any case, extra spaces, Spanish without accents, first four letters), and a mistake must be
 * reported by position only: the words are a secret and never appear in an error.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { phraseToSeed, seedToPhrase, type PhraseLanguage } from "./recovery-phrase.ts";

const SEED = Uint8Array.from({ length: 32 }, (_, i) => i);
// Slice letters, not code units: the word list may hold decomposed (NFKD) accents.
const first4 = (w: string) => [...w.normalize("NFC")].slice(0, 4).join("");
const stripAccents = (w: string) => w.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
const seedOf = (typed: string) => {
  const result = phraseToSeed(typed);
  return result.ok ? Array.from(result.value) : result.code;
};

beforeAll(async () => {
  await readySodium();
});

describe.each<PhraseLanguage>(["en", "es"])("a phrase written in %s", (lang) => {
  const words = () => seedToPhrase(SEED, lang).split(" ");

  test("has 24 words and round-trips to the seed", () => {
    expect(words()).toHaveLength(24);
    expect(seedOf(words().join(" "))).toEqual(Array.from(SEED));
  });

  test("round-trips 50 other seeds", () => {
    for (let n = 0; n < 50; n++) {
      const seed = Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + n * 17 + n * i) & 0xff);
      expect(seedOf(seedToPhrase(seed, lang))).toEqual(Array.from(seed));
    }
  });

  test.each([
    ["in capitals", (w: string[]) => w.map((x) => x.toUpperCase()).join(" ")],
    ["with extra spaces, tabs and newlines", (w: string[]) => `  ${w.join("   ")}\n\t`],
    ["without accents", (w: string[]) => w.map(stripAccents).join(" ")],
    ["as four-letter prefixes", (w: string[]) => w.map(first4).join(" ")],
    ["as unaccented capital prefixes", (w: string[]) => w.map((x) => first4(stripAccents(x)).toUpperCase()).join(" ")],
  ])("is accepted %s", (_name, retype) => {
    expect(seedOf(retype(words()))).toEqual(Array.from(SEED));
  });

  test("a wrong word at position 7 is reported by position, and the error never contains a word", () => {
    const typed = words();
    typed[6] = "xylophonequux";
    const result = phraseToSeed(typed.join(" "));
    expect(result.ok).toBe(false);
    expect(result.phraseError).toEqual({ code: "phrase-unknown-word", position: 7 });
    if (!result.ok) expect(result.code).toBe("phrase-unknown-word");
    const text = JSON.stringify(result);
    expect(text).not.toContain("xylophonequux");
    for (const word of typed) expect(text.toLowerCase()).not.toContain(stripAccents(word).toLowerCase());
  });

  test("23 words are the wrong length", () => {
    const result = phraseToSeed(words().slice(0, 23).join(" "));
    expect(result.ok).toBe(false);
    expect(result.phraseError).toEqual({ code: "phrase-wrong-length", count: 23 });
  });
});

test("an English phrase with a Spanish word at position 7 still points at position 7", () => {
  const typed = seedToPhrase(SEED, "en").split(" ");
  typed[6] = "ábaco";
  expect(phraseToSeed(typed.join(" ")).phraseError).toEqual({ code: "phrase-unknown-word", position: 7 });
});

test("two words swapped break the checksum", () => {
  // For this seed, swapping words 1 and 2 ("abandon" and "amount") fails BIP-39's checksum
  // (checked with @scure/bip39 validateMnemonic when the test was written).
  const typed = seedToPhrase(SEED, "en").split(" ");
  [typed[0], typed[1]] = [typed[1]!, typed[0]!];
  const result = phraseToSeed(typed.join(" "));
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.code).toBe("phrase-bad-checksum");
  expect(result.phraseError).toEqual({ code: "phrase-bad-checksum" });
});

test.each([
  ["empty", "", 0],
  ["25 words", `${seedToPhrase(SEED, "en")} abandon`, 25],
  ["12 words (a 128-bit BIP-39 wallet phrase)", seedToPhrase(SEED, "en").split(" ").slice(0, 12).join(" "), 12],
])("refuses a phrase that is %s", (_name, typed, count) => {
  expect(phraseToSeed(typed).phraseError).toEqual({ code: "phrase-wrong-length", count });
});
