/**
 * The journal's three screens, one tap apart: the entry, "My progress", and what is shared — and, on
 * each, why this device stopped syncing the journal if it did (deleted from another device).
 */
import { For, type JSX, Show } from "solid-js";
import { usePorch } from "../primitives/porch-context.tsx";
import { hrefFor, type JournalScreen } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";

export function JournalNav(props: { readonly current: JournalScreen }): JSX.Element {
  const { t, errorText } = useI18n();
  const { api, state } = usePorch();
  const stopped = () => (state.version(), api.journal.view()?.stopped ?? null);
  const screens = () =>
    [
      { name: "journal", label: t("journal.title") },
      { name: "progress", label: t("journal.progressTitle") },
      { name: "sharing", label: t("journal.consentTitle") },
    ] as const;
  return (
    <nav class="journal-nav" aria-label={t("journal.navLabel")}>
      <a class="back" href={hrefFor({ name: "home" })}>
        ← {t("backToGroups")}
      </a>
      <ul>
        <For each={screens()}>
          {(s) => (
            <li>
              <a
                href={hrefFor({ name: s.name })}
                data-testid={`journal-nav-${s.name}`}
                aria-current={props.current === s.name ? "page" : undefined}
              >
                {s.label}
              </a>
            </li>
          )}
        </For>
      </ul>
      <Show when={stopped()}>
        {(code) => (
          <p class="important" role="status" data-testid="journal-stopped">
            {errorText(code())}
          </p>
        )}
      </Show>
    </nav>
  );
}
