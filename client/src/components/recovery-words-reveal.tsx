/**
 * The recovery words again, only after the member confirms nobody is looking. The words live in this
 * component's memory while shown, and are dropped on "Hide" and when the screen closes.
 */
import { createSignal, type JSX, Match, onCleanup, Switch } from "solid-js";
import { createAction } from "../primitives/create-action.ts";
import { createFocusOnChange } from "../primitives/create-focus-on-change.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { ErrorMessage } from "./error-message.tsx";
import { RecoveryPhrase } from "./recovery-phrase.tsx";

type Step = "closed" | "confirm" | "shown";

export function RecoveryWordsReveal(): JSX.Element {
  const { api } = usePorch();
  const { t, errorText } = useI18n();
  const [step, setStep] = createSignal<Step>("closed");
  const [words, setWords] = createSignal<readonly string[]>([]);
  const fetch = createAction(() => api.recoveryPhrase());
  const hide = () => {
    setWords([]);
    setStep("closed");
  };
  onCleanup(() => setWords([]));
  createFocusOnChange(step, "[data-focus-step]");

  const show = async () => {
    const result = await fetch.run();
    if (!result?.ok) return;
    setWords(result.value.trim().split(/\s+/));
    setStep("shown");
  };

  return (
    <div class="stack">
      <p>{t("first.wordsExplain")}</p>
      <Switch>
        <Match when={step() === "closed"}>
          <button type="button" data-testid="words-show" data-focus-step onClick={() => setStep("confirm")}>
            {t("first.wordsShow")}
          </button>
        </Match>
        <Match when={step() === "confirm"}>
          <div class="important stack" data-testid="words-confirm-panel">
            <h3 tabindex="-1" data-focus-step>
              {t("first.wordsConfirmTitle")}
            </h3>
            <p>{t("first.wordsWarning")}</p>
            <ErrorMessage message={fetch.error() ? errorText(fetch.error()!) : null} />
            <div class="actions">
              <button
                type="button"
                class="primary"
                data-testid="words-confirm"
                disabled={fetch.pending()}
                onClick={() => void show()}
              >
                {t("first.wordsConfirm")}
              </button>
              <button type="button" data-testid="words-cancel" onClick={hide}>
                {t("first.wordsCancel")}
              </button>
            </div>
          </div>
        </Match>
        <Match when={step() === "shown"}>
          <div class="stack">
            <RecoveryPhrase words={words()} />
            <button type="button" data-testid="words-hide" data-focus-step onClick={hide}>
              {t("first.wordsHide")}
            </button>
          </div>
        </Match>
      </Switch>
    </div>
  );
}
