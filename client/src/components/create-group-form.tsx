/** Name a new group (1–60 characters once trimmed). */
import { createSignal, type JSX } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";
import { makeTrimmedText, type TextProblem } from "../primitives/make-trimmed-text.ts";
import { ErrorMessage } from "./error-message.tsx";
import { LIFE_LIMITS } from "../core/api/validate.ts";

export const MAX_GROUP_NAME = LIFE_LIMITS.groupName;

export function CreateGroupForm(props: {
  readonly pending: boolean;
  readonly error: string | null;
  /** Resolves true when the group was created. */
  readonly onCreate: (name: string) => Promise<boolean>;
}): JSX.Element {
  const { t } = useI18n();
  const [name, setName] = createSignal("");
  const [problem, setProblem] = createSignal<TextProblem | null>(null);
  let input: HTMLInputElement | undefined;

  const problemText = () => {
    const p = problem();
    if (p === "required") return t("groupNameRequired");
    if (p === "too-long") return t("groupNameTooLong", MAX_GROUP_NAME);
    return null;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = makeTrimmedText(name(), MAX_GROUP_NAME);
    if (!checked.ok) {
      setProblem(checked.problem);
      input?.focus();
      return;
    }
    setProblem(null);
    if (await props.onCreate(checked.value)) setName("");
  };

  return (
    <form class="card" onSubmit={submit} novalidate>
      <h2>{t("createGroupTitle")}</h2>
      <label for="create-group-name">{t("createGroupNameLabel")}</label>
      <input
        id="create-group-name"
        ref={input}
        data-testid="create-group-name"
        type="text"
        autocomplete="off"
        enterkeyhint="done"
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
        aria-invalid={problem() !== null}
        aria-describedby={problem() ? "create-group-name-error" : undefined}
      />
      <ErrorMessage id="create-group-name-error" message={problemText()} />
      <ErrorMessage message={props.error} />
      <button type="submit" class="primary" data-testid="create-group-submit" disabled={props.pending}>
        {t("createGroupSubmit")}
      </button>
    </form>
  );
}
