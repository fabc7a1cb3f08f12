/**
 * Joining a program from a code instead of a link: the member pastes what the organization gave them
 * (the whole link or just its code) and goes on to the program's own screen (`#/enrol/<token>`), which
 * says what it is before anything is sent.
 */
import { parseEnrolToken } from "@porch/shared/aggregation";
import { createSignal, type JSX } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";
import { ErrorMessage } from "./error-message.tsx";

export function ProgramCodeForm(): JSX.Element {
  const { t } = useI18n();
  const [code, setCode] = createSignal("");
  const [bad, setBad] = createSignal(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const token = code()
      .trim()
      .replace(/^.*#\/enrol\//, "");
    if (parseEnrolToken(token) === null) return setBad(true);
    setBad(false);
    location.hash = `#/enrol/${token}`;
  };
  return (
    <form class="card" onSubmit={submit} novalidate aria-labelledby="program-code-title">
      <h2 id="program-code-title">{t("cohorts.codeTitle")}</h2>
      <label for="program-code">{t("cohorts.codeLabel")}</label>
      <input
        id="program-code"
        data-testid="program-code"
        type="text"
        autocomplete="off"
        value={code()}
        aria-invalid={bad()}
        aria-describedby={bad() ? "program-code-error" : undefined}
        onInput={(e) => setCode(e.currentTarget.value)}
      />
      <ErrorMessage id="program-code-error" message={bad() ? t("cohorts.badLink") : null} />
      <button type="submit" data-testid="program-code-submit">
        {t("cohorts.codeButton")}
      </button>
    </form>
  );
}
