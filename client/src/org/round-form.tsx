/**
 * "Open a round": the month and the three deadlines (defaults: last month; now + 2, 9 and 12 days),
 * checked for order before anything is sent, with the problem named beside the field to fix.
 */
import { createSignal, For, type JSX } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { formatMonth } from "../i18n/format.ts";
import type { OrgSession } from "./create-org-session.ts";
import { useOrgI18n } from "./org-i18n.tsx";
import { errorText, type OrgText } from "./org-text.ts";
import { checkRoundForm, roundDefaults, type RoundFormValues } from "./round-words.ts";

type Field = keyof RoundFormValues;

export function RoundForm(props: { readonly session: OrgSession; readonly cohortId: string }): JSX.Element {
  const { d, lang } = useOrgI18n();
  const [values, setValues] = createSignal<RoundFormValues>(roundDefaults(Date.now()));
  // Sentences are kept as functions of the dictionary, so switching language rewrites them too.
  const [problem, setProblem] = createSignal<{
    readonly field: Field | null;
    readonly text: (d: OrgText) => string;
  } | null>(null);
  const [opened, setOpened] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);

  const fields: readonly {
    readonly field: Field;
    readonly type: "month" | "datetime-local";
    readonly label: () => string;
  }[] = [
    { field: "period", type: "month", label: () => d().periodLabel },
    { field: "volunteersBy", type: "datetime-local", label: () => d().volunteersByLabel },
    { field: "freezesAt", type: "datetime-local", label: () => d().freezesAtLabel },
    { field: "partialsBy", type: "datetime-local", label: () => d().partialsByLabel },
  ];

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    setOpened(null);
    const checked = checkRoundForm(values(), Date.now());
    if (!checked.ok) {
      const key = checked.problem;
      setProblem({ field: checked.field, text: (d) => d[key] });
      document.getElementById(`round-${checked.field}`)?.focus();
      return;
    }
    setProblem(null);
    setPending(true);
    try {
      const { period, volunteersBy, freezesAt, partialsBy } = checked;
      const opened = await props.session.openRound(props.cohortId, period, { volunteersBy, freezesAt, partialsBy });
      if (opened.ok) {
        setOpened(period);
        setValues(roundDefaults(Date.now()));
      } else {
        const code = opened.code;
        setProblem({ field: null, text: (d) => errorText(d, code) });
      }
    } catch (e: unknown) {
      console.error("Porch: opening a round failed", e);
      setProblem({ field: null, text: (d) => d.unexpected });
    } finally {
      setPending(false);
    }
  };

  return (
    <section class="card" aria-labelledby="open-round-title">
      <h2 id="open-round-title">{d().openRoundTitle}</h2>
      <p>{d().openRoundExplain}</p>
      <form onSubmit={submit} novalidate class="round-form">
        <For each={fields}>
          {(f) => {
            const invalid = () => problem()?.field === f.field;
            return (
              <div class="field">
                <label for={`round-${f.field}`}>{f.label()}</label>
                <input
                  id={`round-${f.field}`}
                  data-testid={`round-${f.field}`}
                  type={f.type}
                  required
                  value={values()[f.field]}
                  aria-invalid={invalid()}
                  aria-describedby={
                    invalid()
                      ? "round-deadlines-hint round-form-error"
                      : f.type === "month"
                        ? undefined
                        : "round-deadlines-hint"
                  }
                  onInput={(e) => setValues({ ...values(), [f.field]: e.currentTarget.value })}
                />
              </div>
            );
          }}
        </For>
        <p class="hint round-form-hint" id="round-deadlines-hint">
          {d().deadlinesHint}
        </p>
        <ErrorMessage id="round-form-error" message={problem()?.text(d())} />
        <p class="note" role="status" data-testid="round-opened">
          {opened() === null ? "" : d().roundOpened(formatMonth(opened()!, lang()))}
        </p>
        <button type="submit" class="primary" data-testid="round-open" disabled={pending()}>
          {d().openRound}
        </button>
      </form>
    </section>
  );
}
