/** The member's groups, what a group is when there are none, and a form to create one. */
import "../components/journal.css";
import "../components/group-screen.css";
import type { GroupId } from "@porch/shared";
import { For, type JSX, Show } from "solid-js";
import { CreateGroupForm } from "../components/create-group-form.tsx";
import { createAction } from "../primitives/create-action.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatMonth } from "../i18n/format.ts";

export function Home(): JSX.Element {
  const { api, state } = usePorch();
  const { t, errorText, lang } = useI18n();
  const journal = () => (state.version(), api.journal.view());
  const create = createAction((name: string) => api.createGroup(name));
  const news = (groupId: GroupId) => {
    state.version();
    const n = api.news.view(groupId);
    return n !== null && n.total > 0 ? n : null;
  };

  const onCreate = async (name: string) => {
    const result = await create.run(name);
    // A new group's next step is inviting someone, which happens on its screen.
    if (result?.ok) location.hash = hrefFor({ name: "group", groupId: result.value });
    return result?.ok === true;
  };

  return (
    <div class="stack">
      <h1 tabindex="-1">{t("homeTitle")}</h1>
      <section class="card journal-card" aria-labelledby="journal-card-title">
        <h2 id="journal-card-title">{t("journal.title")}</h2>
        <p>{t("journal.privateNote")}</p>
        <Show when={journal()?.missingThisMonth ? journal()?.currentMonth : null}>
          {(m) => (
            <p class="reminder" data-testid="home-journal-reminder">
              {t("journal.reminder", formatMonth(m(), lang()))}
            </p>
          )}
        </Show>
        <a class="button" href={hrefFor({ name: "journal" })} data-testid="journal-link">
          {t("journal.open")}
        </a>
      </section>
      <Show
        when={state.groups().length > 0}
        fallback={
          <section class="card empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">{t("homeEmptyTitle")}</h2>
            <p>{t("homeEmptyBody")}</p>
          </section>
        }
      >
        <ul class="group-list">
          <For each={state.groups()}>
            {(group) => (
              <li>
                <a
                  class="group-link"
                  data-testid="group-link"
                  href={hrefFor({ name: "group", groupId: group.groupId })}
                >
                  <span class="group-link-text">
                    <span>{group.name}</span>
                    <Show when={news(group.groupId)}>
                      {(n) => (
                        <span class="news-count" data-testid="group-news-count">
                          <strong>{t("groupScreen.newsTitle")}:</strong> {t("groupScreen.newsCounts", n().counts)}
                        </span>
                      )}
                    </Show>
                  </span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <CreateGroupForm
        pending={create.pending()}
        error={create.error() ? errorText(create.error() ?? "unexpected") : null}
        onCreate={onCreate}
      />
    </div>
  );
}
