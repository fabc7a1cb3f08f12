/**
 * Signing in: create the organization's key (its 24 words shown once, then the dashboard), or sign in
 * with the 24 words. The words live only in these components' memory; the seed goes to the caller,
 * which stores it wrapped (org-store.ts).
 */
import { phraseToSeed, randomBytes, seedToPhrase, type PhraseError } from "@porch/shared";
import { createSignal, For, type JSX, untrack } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { PhraseInput } from "../components/phrase-input.tsx";
import { useOrgI18n } from "./org-i18n.tsx";

export function SignIn(props: {
  readonly onNewSeed: (seed: Uint8Array) => void;
  readonly onSeed: (seed: Uint8Array) => void;
}): JSX.Element {
  const { d, error } = useOrgI18n();
  const [phrase, setPhrase] = createSignal("");
  // What was wrong, not its sentence: switching language rewrites it.
  const [problem, setProblem] = createSignal<PhraseError | { readonly code: string } | null>(null);
  const sentence = () => {
    const p = problem();
    if (p === null) return null;
    if ("count" in p) return d().phraseWrongLength(p.count);
    if ("position" in p) return d().phraseUnknownWord(p.position);
    return p.code === "phrase-bad-checksum" ? d().phraseBadChecksum : error(p.code);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = phraseToSeed(phrase());
    if (parsed.ok) return props.onSeed(parsed.value);
    setProblem(parsed.phraseError ?? { code: parsed.code });
    document.getElementById("org-phrase")?.focus();
  };

  return (
    <div class="stack sign-in">
      <h1 tabindex="-1">{d().signInTitle}</h1>
      <p>{d().signInIntro}</p>
      <div class="sign-in-choices">
        <section class="card" aria-labelledby="create-key-title">
          <h2 id="create-key-title">{d().createKeyTitle}</h2>
          <p>{d().createKeyExplain}</p>
          <button
            type="button"
            class="primary"
            data-testid="org-create-key"
            onClick={() => props.onNewSeed(randomBytes(32))}
          >
            {d().createKey}
          </button>
        </section>
        <section class="card" aria-labelledby="use-words-title">
          <h2 id="use-words-title">{d().useWordsTitle}</h2>
          <form onSubmit={submit} novalidate>
            <label for="org-phrase">{d().wordsLabel}</label>
            <p class="hint" id="org-phrase-hint">
              {d().wordsHint}
            </p>
            <PhraseInput
              id="org-phrase"
              describedBy={problem() ? "org-phrase-hint org-phrase-error" : "org-phrase-hint"}
              invalid={problem() !== null}
              onInput={setPhrase}
            />
            <ErrorMessage id="org-phrase-error" message={sentence()} />
            <button type="submit" class="primary" data-testid="org-sign-in">
              {d().signIn}
            </button>
          </form>
        </section>
      </div>
    </div>
  );
}

/** The new key's 24 words, once, in the language of the moment they were made. */
export function NewWords(props: { readonly seed: Uint8Array; readonly onContinue: () => void }): JSX.Element {
  const { d, lang } = useOrgI18n();
  const words = seedToPhrase(props.seed, untrack(lang)).split(" ");
  const [confirmed, setConfirmed] = createSignal(false);
  return (
    <div class="stack new-words">
      <h1 tabindex="-1">{d().newWordsTitle}</h1>
      <p class="important">{d().newWordsExplain}</p>
      {/* translate="no": a browser's page translation must never change the words. */}
      <ol class="recovery-phrase" data-testid="org-words" aria-label={d().newWordsListLabel} translate="no">
        <For each={words}>
          {(word, index) => (
            <li>
              <span class="recovery-number" aria-hidden="true">
                {index() + 1}
              </span>
              <span class="recovery-word">{word}</span>
            </li>
          )}
        </For>
      </ol>
      <label class="checkbox">
        <input
          type="checkbox"
          data-testid="org-words-confirm"
          checked={confirmed()}
          onChange={(e) => setConfirmed(e.currentTarget.checked)}
        />
        {d().newWordsConfirm}
      </label>
      <button
        type="button"
        class="primary"
        data-testid="org-words-continue"
        disabled={!confirmed()}
        onClick={() => props.onContinue()}
      >
        {d().newWordsContinue}
      </button>
    </div>
  );
}
