/**
 * "New since you were last here" on a group screen. Opening the group counts as seeing it: the marker
 * moves on arrival and again on leaving (or when the page is hidden), while this visit keeps listing
 * everything it found new — so the list does not vanish the moment it is read.
 */
import type { GroupId } from "@porch/shared";
import { createEffect, createSignal, For, type JSX, onCleanup, onMount, Show } from "solid-js";
import type { NewsItem } from "../core/api/news-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import "./group-screen.css";

/** The tab an item belongs on, or null (someone joining: the members screen). */
export type NewsTab = "goals" | "checkins" | "offers";
const TAB: Readonly<Record<NewsItem["kind"], NewsTab | null>> = {
  cheer: "goals",
  comment: "goals",
  claim: "offers",
  confirm: "offers",
  thanks: "offers",
  offer: "offers",
  checkin: "checkins",
  reply: "checkins",
  join: null,
};

export function WhatsNew(props: {
  readonly groupId: GroupId;
  readonly nameOf: (id: string) => string;
  readonly onOpen: (tab: NewsTab) => void;
}): JSX.Element {
  const { api, state } = usePorch();
  const { t } = useI18n();
  const [shown, setShown] = createSignal<readonly NewsItem[]>([]);
  createEffect(() => {
    state.version();
    const items = api.news.view(props.groupId)?.items ?? [];
    if (items.length === 0) return;
    const known = new Set(shown().map((i) => i.id));
    const added = items.filter((i) => !known.has(i.id));
    if (added.length > 0) setShown((s) => [...added, ...s].sort((a, b) => b.at - a.at));
  });
  const seen = () => void api.news.markSeen(props.groupId);
  const onVisibility = () => {
    if (document.visibilityState === "hidden") seen();
  };
  onMount(() => {
    seen();
    document.addEventListener("visibilitychange", onVisibility);
  });
  onCleanup(() => {
    document.removeEventListener("visibilitychange", onVisibility);
    seen();
  });

  return (
    <Show when={shown().length > 0}>
      <section class="card news" aria-labelledby="news-title" data-testid="group-news">
        <h2 id="news-title">{t("groupScreen.newsTitle")}</h2>
        <ul class="news-list">
          <For each={shown()}>
            {(item) => {
              const line = () => t(`groupScreen.newsLine.${item.kind}`, props.nameOf(item.by), item.subject);
              const tab = TAB[item.kind];
              return (
                <li data-testid="news-item" data-kind={item.kind}>
                  {tab === null ? (
                    <p>{line()}</p>
                  ) : (
                    <button type="button" onClick={() => props.onOpen(tab)}>
                      {line()}
                    </button>
                  )}
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </Show>
  );
}
