/** Changes the member's display name: on this device and in their entry of every group. */
import { createSignal, type JSX, Show } from "solid-js";
import { LIFE_LIMITS } from "../core/api/validate.ts";
import { createAction } from "../primitives/create-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { makeTrimmedText, type TextProblem } from "../primitives/make-trimmed-text.ts";
import { usePorch } from "../primitives/porch-context.tsx";
import { ErrorMessage } from "./error-message.tsx";

const MAX_NAME = LIFE_LIMITS.displayName;

export function DisplayNameForm(props: { readonly current: string }): JSX.Element {
  const { api } = usePorch();
  const { t, errorText } = useI18n();
  const [name, setName] = createSignal(props.current);
  const [problem, setProblem] = createSignal<TextProblem | null>(null);
  const [saved, setSaved] = createSignal(false);
  const save = createAction((value: string) => api.setDisplayName(value));
  let input: HTMLInputElement | undefined;

  const problemText = () =>
    problem() === "required" ? t("nameRequired") : problem() === "too-long" ? t("nameTooLong", MAX_NAME) : null;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(false);
    const checked = makeTrimmedText(name(), MAX_NAME);
    if (!checked.ok) {
      setProblem(checked.problem);
      input?.focus();
      return;
    }
    setProblem(null);
    const result = await save.run(checked.value);
    if (result?.ok) {
      setName(checked.value);
      setSaved(true);
    }
  };

  return (
    <form class="stack" onSubmit={submit} novalidate>
      <label for="settings-name">{t("first.nameLabel")}</label>
      <p class="hint" id="settings-name-hint">
        {t("first.nameHint")}
      </p>
      <input
        id="settings-name"
        ref={input}
        data-testid="settings-name"
        type="text"
        autocomplete="given-name"
        value={name()}
        onInput={(e) => {
          setName(e.currentTarget.value);
          setSaved(false);
        }}
        aria-invalid={problem() !== null}
        aria-describedby={problem() ? "settings-name-hint settings-name-error" : "settings-name-hint"}
      />
      <ErrorMessage id="settings-name-error" message={problemText()} />
      <ErrorMessage message={save.error() ? errorText(save.error()!) : null} />
      <button type="submit" class="primary" data-testid="settings-name-save" disabled={save.pending()}>
        {t("first.nameSave")}
      </button>
      <p role="status" class="note" data-testid="settings-name-status">
        <Show when={saved()}>{t("first.nameSaved")}</Show>
      </p>
    </form>
  );
}
