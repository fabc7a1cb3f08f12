/** The signed-in dashboard: one relay session as the organization, and its screens by route. */
import { type JSX, Match, Show, Switch } from "solid-js";
import { createFocusOnChange } from "../primitives/create-focus-on-change.ts";
import { CohortScreen } from "./cohort-screen.tsx";
import { CohortsScreen } from "./cohorts-screen.tsx";
import { createOrgSession } from "./create-org-session.ts";
import { OrgHeader } from "./org-header.tsx";
import { createOrgRoute, orgHref, type OrgRoute } from "./org-route.ts";
import { ReleaseScreen } from "./release-screen.tsx";

export function Dashboard(props: {
  readonly seed: Uint8Array;
  readonly deviceId: string;
  readonly notice: string | null;
  readonly onSignOut: () => Promise<void>;
}): JSX.Element {
  const session = createOrgSession(props.seed, props.deviceId);
  const route = createOrgRoute();
  createFocusOnChange(() => orgHref(route()));
  const is = <N extends OrgRoute["name"]>(name: N) => {
    const r = route();
    return r.name === name ? (r as Extract<OrgRoute, { name: N }>) : false;
  };
  return (
    <>
      <OrgHeader
        homeHref={orgHref({ name: "cohorts" })}
        connection={session.connection()}
        refused={session.refused()}
        onSignOut={props.onSignOut}
      />
      <main class="org-main">
        <Show when={props.notice}>
          {(notice) => (
            <p class="important" role="status">
              {notice()}
            </p>
          )}
        </Show>
        <Switch>
          {/* Keyed: another cohort or round is a new screen, with its own watch on the relay. */}
          <Match when={is("release")} keyed>
            {(r) => <ReleaseScreen session={session} cohortId={r.cohortId} roundId={r.roundId} />}
          </Match>
          <Match when={is("cohort")} keyed>
            {(r) => <CohortScreen session={session} cohortId={r.cohortId} />}
          </Match>
          <Match when={is("cohorts")}>
            <CohortsScreen session={session} />
          </Match>
        </Switch>
      </main>
    </>
  );
}
