/** The journal's three screens, one tap apart: the entry, "My progress", and what is shared. */
import { For, type JSX } from "solid-js";
import { hrefFor, type JournalScreen } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";

export function JournalNav(props: { readonly current: JournalScreen }): JSX.Element {
  const { t } = useI18n();
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
    </nav>
  );
}
