/**
 * First run: pick a language and a name, then see the 24 recovery words once. The words live only
 * in this component's memory; once the member continues, they are gone from the screen for good.
 */
import { createSignal, type JSX, Show } from "solid-js";
import type { Lang } from "../core/api/porch-api.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { RecoveryPhrase } from "../components/recovery-phrase.tsx";
import { createAction } from "../primitives/create-action.ts";
import { createFocusOnChange } from "../primitives/create-focus-on-change.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { LanguageChoice } from "../components/language-switch.tsx";
import { useI18n } from "../primitives/i18n-context.tsx";
import { makeTrimmedText, type TextProblem } from "../primitives/make-trimmed-text.ts";
import { usePorch } from "../primitives/porch-context.tsx";
import { LIFE_LIMITS } from "../core/api/validate.ts";

const MAX_NAME = LIFE_LIMITS.displayName;
export function Onboarding(props: { readonly invited: boolean; readonly onDone: () => void }): JSX.Element {
  const { api } = usePorch();
  const { t, lang, errorText } = useI18n();
  const [name, setName] = createSignal("");
  const [problem, setProblem] = createSignal<TextProblem | null>(null);
  const [words, setWords] = createSignal<readonly string[] | null>(null);
  const [confirmed, setConfirmed] = createSignal(false);
  const create = createAction((displayName: string, chosen: Lang) => api.createProfile(displayName, chosen));
  let nameInput: HTMLInputElement | undefined;
  createFocusOnChange(() => (words() ? "phrase" : "form"));

  const problemText = () => {
    const p = problem();
    if (p === "required") return t("nameRequired");
    if (p === "too-long") return t("nameTooLong", MAX_NAME);
    return null;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = makeTrimmedText(name(), MAX_NAME);
    if (!checked.ok) {
      setProblem(checked.problem);
      nameInput?.focus();
      return;
    }
    setProblem(null);
    const result = await create.run(checked.value, lang());
    if (result?.ok) setWords(result.value.recoveryPhrase.trim().split(/\s+/));
  };

  return (
    <Show
      when={words()}
      fallback={
        <form class="stack" onSubmit={submit} novalidate>
          <h1 tabindex="-1">{t("onboardTitle")}</h1>
          <p>{t("onboardIntro")}</p>
          <Show when={props.invited}>
            <p class="important">{t("onboardInvited")}</p>
          </Show>
          <LanguageChoice name="onboard-lang" legend={t("onboardLangLegend")} />
          <label for="onboard-name">{t("onboardNameLabel")}</label>
          <p class="hint" id="onboard-name-hint">
            {t("onboardNameHint")}
          </p>
          <input
            id="onboard-name"
            ref={nameInput}
            data-testid="onboard-name"
            type="text"
            autocomplete="given-name"
            enterkeyhint="go"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={problem() !== null}
            aria-describedby={problem() ? "onboard-name-hint onboard-name-error" : "onboard-name-hint"}
          />
          <ErrorMessage id="onboard-name-error" message={problemText()} />
          <ErrorMessage message={create.error() ? errorText(create.error() ?? "unexpected") : null} />
          <button type="submit" class="primary" data-testid="onboard-submit" disabled={create.pending()}>
            {t("onboardSubmit")}
          </button>
          <section class="card" aria-labelledby="have-account-title">
            <h2 id="have-account-title">{t("membership.onboardHaveAccount")}</h2>
            <a href={hrefFor({ name: "recover" })} data-testid="onboard-recover">
              {t("membership.onboardRecoverLink")}
            </a>
            <p class="note">{t("membership.onboardLinkHint")}</p>
          </section>
        </form>
      }
    >
      {(phrase) => (
        <div class="stack">
          <h1 tabindex="-1">{t("recoveryTitle")}</h1>
          <p class="important">{t("recoveryExplain")}</p>
          <RecoveryPhrase words={phrase()} />
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="recovery-confirm"
              checked={confirmed()}
              onChange={(e) => setConfirmed(e.currentTarget.checked)}
            />
            {t("recoveryConfirm")}
          </label>
          <button
            type="button"
            class="primary"
            data-testid="recovery-continue"
            disabled={!confirmed()}
            onClick={() => {
              setWords(null);
              props.onDone();
            }}
          >
            {t("recoveryContinue")}
          </button>
        </div>
      )}
    </Show>
  );
}
