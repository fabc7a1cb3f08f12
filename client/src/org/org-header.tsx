/** The bar on every screen: the dashboard's name, the relay connection, the language switch, signing out. */
import { type JSX, Show } from "solid-js";
import type { ErrorCode } from "@porch/shared";
import type { ConnectionState } from "../core/aggregation.ts";
import { ConfirmAction } from "./confirm-action.tsx";
import { useOrgI18n } from "./org-i18n.tsx";

export function OrgHeader(props: {
  readonly homeHref: string | null;
  readonly connection: ConnectionState | null;
  readonly refused: ErrorCode | null;
  readonly onSignOut: (() => Promise<void>) | null;
}): JSX.Element {
  const { d, lang, setLang, error } = useOrgI18n();
  const other = () => (lang() === "en" ? "es" : "en");
  const status = () => {
    const refused = props.refused;
    if (refused !== null && props.connection !== "online") return d().connectionRefused(error(refused));
    return props.connection === null ? "" : d().connection[props.connection];
  };
  return (
    <header class="app-header org-header">
      <div class="org-header-inner">
        <Show when={props.homeHref} fallback={<span class="app-name">{d().appName}</span>}>
          {(href) => (
            <a class="app-name" href={href()}>
              {d().appName}
            </a>
          )}
        </Show>
        <button
          type="button"
          class="lang-switch"
          data-testid="lang-switch"
          lang={other()}
          aria-label={d().switchToLabel}
          onClick={() => setLang(other())}
        >
          {d().switchTo}
        </button>
        <Show when={props.connection}>
          {(state) => (
            <div
              class="sync-status org-connection"
              role="status"
              aria-live="polite"
              data-testid="org-connection"
              data-state={props.refused !== null && state() !== "online" ? "error" : state()}
            >
              <span class="sync-dot" aria-hidden="true" />
              <span>{status()}</span>
            </div>
          )}
        </Show>
        <Show when={props.onSignOut}>
          {(signOut) => (
            <div class="org-sign-out">
              <ConfirmAction
                label={d().signOut}
                question={d().signOutConfirm}
                yes={d().signOutYes}
                testId="org-sign-out"
                danger
                onConfirm={() => signOut()()}
              />
            </div>
          )}
        </Show>
      </div>
    </header>
  );
}
