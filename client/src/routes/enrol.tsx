/**
 * Opened from an organization's program link (`#/enrol/<token>`): what the program is, in plain words,
 * then the member's choices — which of their groups they take part through, the name the organization
 * may read (sealed to it), and whether they volunteer as a steward. Joining sends nothing of the
 * journal: what counts is chosen field by field in Sharing, where this screen leads.
 */
import { parseEnrolToken } from "@porch/shared/aggregation";
import { createSignal, For, type JSX, Show } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { createAction } from "../primitives/create-action.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

export function Enrol(props: { readonly token: string }): JSX.Element {
  const { api, state } = usePorch();
  const { t, errorText } = useI18n();
  const link = parseEnrolToken(props.token);
  const [groupId, setGroupId] = createSignal(state.groups()[0]?.groupId ?? "");
  const [name, setName] = createSignal(state.profile()?.displayName ?? "");
  const [volunteer, setVolunteer] = createSignal(false);
  const enrol = createAction(() =>
    api.cohorts.enrol(
      props.token,
      groupId() as never,
      name().trim() || (state.profile()?.displayName ?? ""),
      volunteer(),
    ),
  );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await enrol.run();
    // The link's secret is spent on this device: keep it out of Back.
    if (result?.ok) location.replace(hrefFor({ name: "sharing" }));
  };

  return (
    <div class="stack">
      <h1 tabindex="-1">{t("cohorts.enrolTitle")}</h1>
      <Show when={link} fallback={<ErrorMessage message={t("cohorts.badLink")} />}>
        {(l) => (
          <>
            <p class="important" data-testid="enrol-program">
              {t("cohorts.enrolInvited", l().name)}
            </p>
            <p>{t("cohorts.enrolHow")}</p>
            <p>{t("cohorts.enrolNothingYet")}</p>
            <Show
              when={state.groups().length > 0}
              fallback={
                <p class="hint" data-testid="enrol-need-group">
                  {t("cohorts.needGroup")}
                </p>
              }
            >
              <form class="card" onSubmit={submit} novalidate>
                <label for="enrol-group">{t("cohorts.groupLabel")}</label>
                <select
                  id="enrol-group"
                  data-testid="enrol-group"
                  value={groupId()}
                  aria-describedby="enrol-group-help"
                  onChange={(e) => setGroupId(e.currentTarget.value)}
                >
                  <For each={state.groups()}>{(g) => <option value={g.groupId}>{g.name}</option>}</For>
                </select>
                <p class="hint" id="enrol-group-help">
                  {t("cohorts.groupHelp")}
                </p>
                <label for="enrol-name">{t("cohorts.nameLabel")}</label>
                <input
                  id="enrol-name"
                  data-testid="enrol-name"
                  type="text"
                  maxLength={120}
                  autocomplete="name"
                  value={name()}
                  aria-describedby="enrol-name-help"
                  onInput={(e) => setName(e.currentTarget.value)}
                />
                <p class="hint" id="enrol-name-help">
                  {t("cohorts.nameHelp")}
                </p>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    data-testid="enrol-volunteer"
                    checked={volunteer()}
                    aria-describedby="enrol-volunteer-help"
                    onChange={(e) => setVolunteer(e.currentTarget.checked)}
                  />
                  {t("cohorts.volunteer")}
                </label>
                <p class="hint" id="enrol-volunteer-help">
                  {t("cohorts.volunteerHelp")}
                </p>
                <ErrorMessage message={enrol.error() ? errorText(enrol.error()!) : null} />
                <button type="submit" class="primary" data-testid="enrol-submit" disabled={enrol.pending()}>
                  {t("cohorts.enrolButton")}
                </button>
              </form>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
