/** Cheers and comments on a goal: one cheer per member (press again to take it back), short comments. */
import type { GroupId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import { checkReplyText, type GoalView } from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatMoment } from "../primitives/make-life-format.ts";
import { ErrorMessage } from "./error-message.tsx";
import { LIFE_LIMITS } from "../core/api/validate.ts";

export function GoalTalk(props: {
  readonly groupId: GroupId;
  readonly goal: GoalView;
  readonly nameOf: (id: string) => string;
}): JSX.Element {
  const { api } = usePorch();
  const { t, lang } = useI18n();
  const [text, setText] = createSignal("");
  const cheer = createLifeAction(() => api.life.toggleCheer(props.groupId, props.goal.id));
  const comment = createLifeAction((body: string) => api.life.comment(props.groupId, props.goal.id, body));
  const inputId = () => `goal-${props.goal.id}-comment`;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = checkReplyText(text());
    if (problem !== null) return comment.reject(problem);
    const result = await comment.run(text().trim());
    if (result?.ok) setText("");
  };

  return (
    <div class="goal-talk">
      <div class="row">
        <Show when={!props.goal.mine}>
          <button
            type="button"
            class="small"
            data-testid="goal-cheer"
            aria-pressed={props.goal.cheers.mine}
            disabled={cheer.pending()}
            onClick={() => void cheer.run()}
          >
            {props.goal.cheers.mine ? t("life.cheered") : t("life.cheer")}
          </button>
        </Show>
        <span class="meta" data-testid="goal-cheers" data-count={props.goal.cheers.count}>
          {t("life.cheerCount", props.goal.cheers.count)}
        </span>
      </div>
      <ErrorMessage message={cheer.message()} />
      <Show when={props.goal.comments.length > 0}>
        <ul class="life-sublist" aria-label={t("life.commentsLabel")}>
          <For each={props.goal.comments}>
            {(c) => (
              <li data-testid="goal-comment">
                <strong>{props.nameOf(c.by)}</strong> <span class="meta">{formatMoment(c.at, lang())}</span>
                <p data-testid="goal-comment-text">{c.text}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form class="goal-form" onSubmit={submit} novalidate>
        <label for={inputId()}>{t("life.commentLabel")}</label>
        <textarea
          id={inputId()}
          data-testid="goal-comment-input"
          maxlength={LIFE_LIMITS.note}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <ErrorMessage message={comment.message()} />
        <button type="submit" class="small" data-testid="goal-comment-submit" disabled={comment.pending()}>
          {t("life.commentSend")}
        </button>
      </form>
    </div>
  );
}
