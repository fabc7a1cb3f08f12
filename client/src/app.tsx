/**
 * The app shell: header (settings, language, sync status) on every screen, onboarding until this device
 * has a profile and its recovery words were seen — after an invitation's landing, when the address is
 * an invitation — then the screen the address names.
 */
import { createSignal, type JSX, Match, Show, Switch } from "solid-js";
import type { PorchApi } from "./core/api/porch-api.ts";
import { AppHeader } from "./components/app-header.tsx";
import { createAppBadge } from "./primitives/create-app-badge.ts";
import { createFocusOnChange } from "./primitives/create-focus-on-change.ts";
import { createHashRoute, hrefFor } from "./primitives/create-hash-route.ts";
import { createLanguage } from "./primitives/create-language.ts";
import { I18nProvider } from "./primitives/i18n-context.tsx";
import { DICTIONARIES } from "./i18n/translator.ts";
import { PorchProvider, usePorch } from "./primitives/porch-context.tsx";
import { GroupScreen } from "./routes/group.tsx";
import { GroupMembersScreen } from "./routes/group-members.tsx";
import { Home } from "./routes/home.tsx";
import { Join } from "./routes/join.tsx";
import { Onboarding } from "./routes/onboarding.tsx";
import { DeviceNotices } from "./components/device-notices.tsx";
import { Devices } from "./routes/devices.tsx";
import { LinkDevice } from "./routes/link.tsx";
import { Recover } from "./routes/recover.tsx";
import { JournalScreen } from "./routes/journal.tsx";
import { ProgressScreen } from "./routes/progress.tsx";
import { SharingScreen } from "./routes/sharing.tsx";
import { Enrol } from "./routes/enrol.tsx";
import { InviteLanding } from "./routes/invite-landing.tsx";
import { Settings } from "./routes/settings.tsx";

export function App(props: { readonly porch: PorchApi }): JSX.Element {
  return (
    <PorchProvider api={props.porch}>
      <Shell />
    </PorchProvider>
  );
}

function Shell(): JSX.Element {
  const { api, state } = usePorch();
  const [lang, setLang] = createLanguage(api, state.profile);
  const t = (key: "membership.devicesLink") => DICTIONARIES[lang()].membership.devicesLink ?? key;
  const route = createHashRoute();
  // Stays true after createProfile succeeds, until the member confirms the recovery words:
  // the profile appearing must not whisk the words off the screen.
  const [onboarding, setOnboarding] = createSignal(api.profile() === null);
  // An invitation link opened before any account: its landing comes first, then onboarding.
  const [landingPassed, setLandingPassed] = createSignal(false);
  const screenKey = () => {
    if (onboarding()) return route().name === "join" && !landingPassed() ? "landing" : "onboarding";
    const r = route();
    return r.name === "group" || r.name === "group-members"
      ? `${r.name}:${r.groupId}`
      : r.name === "join" || r.name === "link"
        ? `${r.name}:${r.fragment}`
        : r.name === "enrol"
          ? `enrol:${r.token}`
          : r.name;
  };
  // Before onboarding, a second-device link or the recovery screen stands in for creating a new identity.
  const arriving = () => {
    const r = route();
    return r.name === "link" ? r : r.name === "recover" ? r : null;
  };
  createFocusOnChange(screenKey);
  createAppBadge(
    () => (state.version(), state.groups().reduce((n, g) => n + (api.news.view(g.groupId)?.total ?? 0), 0)),
  );
  const firstScreen = () =>
    route().name === "join" && !landingPassed() ? (
      <InviteLanding
        fragment={(route() as RouteOf<"join">).fragment}
        onContinue={(joining) => {
          setLandingPassed(true);
          // A dead link: set up without it, so onboarding does not end on a failed join.
          if (!joining) location.replace(hrefFor({ name: "home" }));
        }}
      />
    ) : (
      <Onboarding invited={route().name === "join"} onDone={() => setOnboarding(false)} />
    );

  return (
    <I18nProvider lang={lang()} setLang={setLang}>
      {/* While onboarding, the name is not a link: it would drop a pending invitation. */}
      <AppHeader
        homeHref={onboarding() ? null : hrefFor({ name: "home" })}
        settingsHref={onboarding() ? null : hrefFor({ name: "settings" })}
        sync={state.profile() === null ? null : state.sync()}
      />
      <main id="main">
        <Show
          when={!onboarding()}
          fallback={
            <Show when={arriving()} keyed fallback={firstScreen()}>
              {(r) =>
                r.name === "link" ? (
                  <LinkDevice fragment={r.fragment} onDone={() => setOnboarding(false)} />
                ) : (
                  <Recover onDone={() => setOnboarding(false)} />
                )
              }
            </Show>
          }
        >
          <DeviceNotices
            notices={(state.version(), api.membership.notices())}
            onDismiss={() => void api.membership.dismissNotices()}
          />
          <Switch fallback={<Home />}>
            <Match when={keyedRoute(route(), "group")} keyed>
              {(r) => <GroupScreen groupId={r.groupId} />}
            </Match>
            <Match when={keyedRoute(route(), "group-members")} keyed>
              {(r) => <GroupMembersScreen groupId={r.groupId} />}
            </Match>
            <Match when={keyedRoute(route(), "join")} keyed>
              {(r) => <Join fragment={r.fragment} />}
            </Match>
            <Match when={keyedRoute(route(), "enrol")} keyed>
              {(r) => <Enrol token={r.token} />}
            </Match>
            <Match when={route().name === "devices"}>
              <Devices />
            </Match>
            <Match when={route().name === "settings"}>
              <Settings />
            </Match>
            <Match when={route().name === "journal"}>
              <JournalScreen />
            </Match>
            <Match when={route().name === "progress"}>
              <ProgressScreen />
            </Match>
            <Match when={route().name === "sharing"}>
              <SharingScreen />
            </Match>
          </Switch>
          <Show when={route().name === "home"}>
            <p class="note">
              <a class="tap-link" href={hrefFor({ name: "devices" })} data-testid="devices-link">
                {t("membership.devicesLink")}
              </a>
            </p>
          </Show>
        </Show>
      </main>
    </I18nProvider>
  );
}

type RouteOf<N> = Extract<ReturnType<ReturnType<typeof createHashRoute>>, { name: N }>;

/** The route if it has this name, else `false` — a fresh object per address, so screens remount. */
function keyedRoute<N extends "group" | "group-members" | "join" | "link" | "enrol">(
  route: ReturnType<ReturnType<typeof createHashRoute>>,
  name: N,
): RouteOf<N> | false {
  return route.name === name ? (route as RouteOf<N>) : false;
}
