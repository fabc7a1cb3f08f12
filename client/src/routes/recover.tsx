/**
 * Recovery on a new device from the 24 words. A bad phrase gets a precise sentence (which word is not
 * in the list, how many words were typed, or that they do not fit together); the words never leave
 * this component's memory except into the core.
 */
import { createSignal, type JSX } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { PhraseInput } from "../components/phrase-input.tsx";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import type { RecoverResult } from "../core/api/membership-api.ts";

export function Recover(props: { readonly onDone: () => void }): JSX.Element {
  const { api } = usePorch();
  const { t, lang, errorText } = useI18n();
  const [phrase, setPhrase] = createSignal("");
  const [name, setName] = createSignal("");
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  const sentence = (result: Extract<RecoverResult, { ok: false }>): string => {
    const p = result.phraseError;
    if (p?.code === "phrase-unknown-word") return t("membership.phraseUnknownWord", p.position);
    if (p?.code === "phrase-wrong-length") return t("membership.phraseWrongLength", p.count);
    if (result.code === "bad-entry") return t("nameRequired");
    return errorText(result.code);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    setPending(true);
    setProblem(null);
    try {
      const result = await api.membership.recover(phrase(), name(), lang());
      if (result.ok) {
        location.replace(hrefFor({ name: "home" }));
        props.onDone();
      } else setProblem(sentence(result));
    } catch (thrown: unknown) {
      console.error("Porch: unexpected failure", thrown);
      setProblem(t("unexpected"));
    } finally {
      setPending(false);
    }
  };

  return (
    <form class="stack" onSubmit={submit} novalidate>
      <h1 tabindex="-1">{t("membership.recoverTitle")}</h1>
      <p>{t("membership.recoverIntro")}</p>
      <label for="recover-phrase">{t("membership.recoverPhraseLabel")}</label>
      <p class="hint" id="recover-phrase-hint">
        {t("membership.recoverPhraseHint")}
      </p>
      <PhraseInput
        id="recover-phrase"
        describedBy={problem() ? "recover-phrase-hint recover-error" : "recover-phrase-hint"}
        invalid={problem() !== null}
        onInput={setPhrase}
      />
      <label for="recover-name">{t("membership.recoverNameLabel")}</label>
      <input
        id="recover-name"
        data-testid="recover-name"
        type="text"
        autocomplete="given-name"
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <ErrorMessage id="recover-error" message={problem()} />
      <p role="status" class="note">
        {pending() ? t("membership.recovering") : ""}
      </p>
      <button type="submit" class="primary" data-testid="recover-submit" disabled={pending()}>
        {t("membership.recoverSubmit")}
      </button>
    </form>
  );
}
