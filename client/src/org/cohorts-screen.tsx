/** The organization's cohorts with their enrolment counts, and "Create a cohort". */
import { MAX_COHORT_NAME } from "@porch/shared/aggregation";
import { createSignal, For, type JSX, Show } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import type { OrgSession } from "./create-org-session.ts";
import { useOrgI18n } from "./org-i18n.tsx";
import { orgHref } from "./org-route.ts";
import { errorText, type OrgText } from "./org-text.ts";

export function CohortsScreen(props: { readonly session: OrgSession }): JSX.Element {
  const { d, error } = useOrgI18n();
  const [name, setName] = createSignal("");
  // A function of the dictionary, so switching language rewrites the sentence too.
  const [problem, setProblem] = createSignal<((d: OrgText) => string) | null>(null);
  const [pending, setPending] = createSignal(false);
  let input: HTMLInputElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    const trimmed = name().trim();
    const local: ((d: OrgText) => string) | null =
      trimmed === ""
        ? (d) => d.cohortNameRequired
        : trimmed.length > MAX_COHORT_NAME
          ? (d) => d.cohortNameTooLong(MAX_COHORT_NAME)
          : null;
    setProblem(() => local);
    if (local !== null) return input?.focus();
    setPending(true);
    try {
      const created = await props.session.createCohort(trimmed);
      if (created.ok) {
        setName("");
        location.hash = orgHref({ name: "cohort", cohortId: created.value.cohortId });
      } else {
        const code = created.code;
        setProblem(() => (d: OrgText) => errorText(d, code));
      }
    } catch (e: unknown) {
      console.error("Porch: creating a cohort failed", e);
      setProblem(() => (d: OrgText) => d.unexpected);
    } finally {
      setPending(false);
    }
  };

  return (
    <div class="stack cohorts-screen">
      <h1 tabindex="-1">{d().cohortsTitle}</h1>
      <p>{d().cohortsIntro}</p>
      <ErrorMessage message={props.session.cohortsError() === null ? null : error(props.session.cohortsError()!)} />
      <Show
        when={props.session.cohorts()}
        fallback={
          <Show when={props.session.cohortsError() === null}>
            <p class="loading" role="status">
              {d().loading}
            </p>
          </Show>
        }
      >
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="empty">{d().cohortsEmpty}</p>}>
            <ul class="group-list" data-testid="cohort-list">
              <For each={list()}>
                {(c) => (
                  <li>
                    <a class="group-link cohort-link" href={orgHref({ name: "cohort", cohortId: c.cohortId })}>
                      <span class="cohort-link-name">{c.name}</span>
                      <span class="cohort-link-count">{d().enrolledCount(c.enrolled)}</span>
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <section class="card" aria-labelledby="create-cohort-title">
        <h2 id="create-cohort-title">{d().createCohortTitle}</h2>
        <form onSubmit={submit} novalidate>
          <label for="cohort-name">{d().cohortNameLabel}</label>
          <p class="hint" id="cohort-name-hint">
            {d().cohortNameHint}
          </p>
          <input
            ref={input}
            id="cohort-name"
            data-testid="cohort-name"
            type="text"
            autocomplete="off"
            maxlength={MAX_COHORT_NAME}
            aria-describedby={problem() ? "cohort-name-hint cohort-name-error" : "cohort-name-hint"}
            aria-invalid={problem() !== null}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <ErrorMessage id="cohort-name-error" message={problem()?.(d()) ?? null} />
          <button type="submit" class="primary" data-testid="cohort-create" disabled={pending()}>
            {d().createCohort}
          </button>
        </form>
      </section>
    </div>
  );
}
