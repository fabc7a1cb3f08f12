/** One member's check-in (wins, next steps, asks for help) with the group's replies and a reply form. */
import type { GroupId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import { checkReplyText, type CheckInPostView } from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatMoment } from "../primitives/make-life-format.ts";
import { ErrorMessage } from "./error-message.tsx";

export function CheckInPost(props: {
  readonly groupId: GroupId;
  readonly post: CheckInPostView;
  readonly nameOf: (id: string) => string;
  /** History shows posts read-only. */
  readonly canReply: boolean;
  /**
   * On the member's own post with an ask: a function that starts an ask in Offers & asks from it,
   * "done" once that ask exists, or null (someone else's post, or nothing asked).
   */
  readonly turnIntoAsk?: (() => void) | "done" | null;
}): JSX.Element {
  const { api } = usePorch();
  const { t, lang } = useI18n();
  const [text, setText] = createSignal("");
  const reply = createLifeAction((body: string) => api.life.replyToCheckIn(props.groupId, props.post.id, body));
  const inputId = () => `checkin-${props.post.id}-reply`;
  const parts = () =>
    [
      ["wins", props.post.wins],
      ["next", props.post.nextSteps],
      ["asks", props.post.asks],
    ] as const;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = checkReplyText(text());
    if (problem !== null) return reply.reject(problem);
    const result = await reply.run(text().trim());
    if (result?.ok) setText("");
  };

  return (
    <li class="card" data-testid="checkin-post" data-post-id={props.post.id}>
      <h4>
        <span data-testid="checkin-author">{props.nameOf(props.post.member)}</span>{" "}
        <span class="meta">{formatMoment(props.post.at, lang())}</span>
      </h4>
      <dl class="checkin-parts">
        <For each={parts().filter(([, value]) => value.trim() !== "")}>
          {([key, value]) => (
            <div>
              <dt>{t(`life.checkinParts.${key}`)}</dt>
              <dd data-testid={`checkin-${key}`}>{value}</dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={props.turnIntoAsk}>
        {(action) => {
          const act = action();
          return act === "done" ? (
            <p class="meta" data-testid="checkin-ask-made">
              {t("groupScreen.turnedIntoAsk")}
            </p>
          ) : (
            <button type="button" class="small" data-testid="checkin-turn-into-ask" onClick={act}>
              {t("groupScreen.turnIntoAsk")}
            </button>
          );
        }}
      </Show>
      <Show when={props.post.replies.length > 0}>
        <ul class="life-sublist" aria-label={t("life.repliesLabel")}>
          <For each={props.post.replies}>
            {(r) => (
              <li data-testid="checkin-reply">
                <strong>{props.nameOf(r.by)}</strong> <span class="meta">{formatMoment(r.at, lang())}</span>
                <p data-testid="checkin-reply-text">{r.text}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canReply}>
        <form class="goal-form" onSubmit={submit} novalidate>
          <label for={inputId()}>{t("life.replyLabel", props.nameOf(props.post.member))}</label>
          <textarea
            id={inputId()}
            data-testid="checkin-reply-input"
            maxlength={1000}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <ErrorMessage message={reply.message()} />
          <button type="submit" class="small" data-testid="checkin-reply-submit" disabled={reply.pending()}>
            {t("life.replySend")}
          </button>
        </form>
      </Show>
    </li>
  );
}
