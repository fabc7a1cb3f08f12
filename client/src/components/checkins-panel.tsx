/**
 * The Check-ins tab: the group's rhythm, a gentle private prompt for this member, this period's
 * check-ins with replies, and history for the group or one member. There is deliberately no list of
 * who has not posted: nobody is shamed.
 */
import type { GroupId, MemberId } from "@porch/shared";
import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import { RHYTHMS, type LifeView, type Rhythm } from "../core/api/group-life-api.ts";
import type { GroupView } from "../core/api/porch-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatDay } from "../primitives/make-life-format.ts";
import { CheckInForm } from "./checkin-form.tsx";
import { CheckInPost } from "./checkin-post.tsx";
import { ErrorMessage } from "./error-message.tsx";
import { FoldedForm } from "./folded-form.tsx";
import type { OfferDraft } from "./offer-form.tsx";

export function CheckinsPanel(props: {
  readonly groupId: GroupId;
  readonly group: GroupView;
  readonly life: LifeView;
  /** "Turn into an ask" on one of this member's check-ins. */
  readonly onTurnIntoAsk?: (draft: OfferDraft) => void;
}): JSX.Element {
  const { api, state } = usePorch();
  const { t, lang } = useI18n();
  const nameOf = (id: string) => props.group.members.find((m) => m.memberId === id)?.displayName ?? t("unknownMember");
  const checkIns = () => props.life.checkIns;
  const me = () => state.profile()?.memberId ?? null;
  const myPost = () => checkIns().current.posts.find((p) => p.member === me()) ?? null;
  const rhythm = createLifeAction((r: Rhythm) => api.life.setRhythm(props.groupId, r));
  const [historyOf, setHistoryOf] = createSignal<MemberId | "all">("all");
  const [formOpen, setFormOpen] = createSignal(false);
  // A check-in whose ask already became an ask in Offers & asks says so instead of offering it again.
  const askMadeFrom = (postId: string) => props.life.offers.some((o) => o.fromCheckIn === postId);
  const turnIntoAsk = (post: { id: string; member: MemberId; asks: string }) =>
    post.member === me() && post.asks.trim() !== "" && props.onTurnIntoAsk !== undefined
      ? askMadeFrom(post.id)
        ? "done"
        : () => props.onTurnIntoAsk?.({ description: post.asks, fromCheckIn: post.id })
      : null;
  const past = createMemo(() =>
    checkIns()
      .periods.filter((p) => p.start !== checkIns().current.start)
      .map((p) => ({ ...p, posts: p.posts.filter((post) => historyOf() === "all" || post.member === historyOf()) }))
      .filter((p) => p.posts.length > 0),
  );
  // "end" is exclusive: show the period's last day.
  const lastDay = (end: string) => {
    const d = new Date(`${end}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };

  return (
    <>
      <section aria-labelledby="checkins-title">
        <h2 id="checkins-title">{t("life.checkinsTitle")}</h2>
        <p data-testid="checkin-period">
          {t(
            "life.checkinPeriod",
            formatDay(checkIns().current.start, lang()),
            formatDay(lastDay(checkIns().current.end), lang()),
          )}
        </p>
        <div class="field">
          <label for="checkin-rhythm">{t("life.rhythmLabel")}</label>
          <select
            id="checkin-rhythm"
            data-testid="checkin-rhythm"
            value={checkIns().rhythm}
            onChange={(e) => void rhythm.run(e.currentTarget.value as Rhythm)}
          >
            <For each={RHYTHMS}>{(r) => <option value={r}>{t(`life.rhythms.${r}`)}</option>}</For>
          </select>
          <p class="hint">{checkIns().rhythmChosen ? t("life.rhythmShared") : t("life.rhythmNotChosen")}</p>
          <ErrorMessage message={rhythm.message()} />
        </div>
      </section>

      <section class="card" aria-labelledby="my-checkin-title">
        <h2 id="my-checkin-title">{t("life.myCheckinTitle")}</h2>
        <Show
          when={checkIns().promptMe}
          fallback={
            <p class="meta" data-testid="checkin-done">
              {t("life.checkinThanks")}
            </p>
          }
        >
          <p class="gentle" data-testid="checkin-prompt">
            {t("life.checkinPrompt")}
          </p>
        </Show>
        <FoldedForm
          id="my-checkin-form"
          openLabel={myPost() === null ? t("groupScreen.checkinOpen") : t("groupScreen.checkinEditOpen")}
          title={t("life.myCheckinTitle")}
          open={formOpen()}
          onOpenChange={setFormOpen}
          testId="checkin-form-open"
        >
          {(done) => (
            /* Remounts when this member's post arrives or changes period, so the form starts from it. */
            <Show when={myPost()?.id ?? "new"} keyed>
              {(key: string) => (
                <CheckInForm
                  groupId={props.groupId}
                  existing={key === "new" ? null : myPost()}
                  onSaved={() => done(true)}
                />
              )}
            </Show>
          )}
        </FoldedForm>
      </section>

      <section aria-labelledby="checkins-now-title">
        <h2 id="checkins-now-title">{t("life.checkinsNowTitle")}</h2>
        <Show
          when={checkIns().current.posts.length > 0}
          fallback={
            <p class="empty" data-testid="checkins-empty">
              {t("life.checkinsEmpty")}
            </p>
          }
        >
          <ul class="life-list">
            <For each={checkIns().current.posts}>
              {(post) => (
                <CheckInPost
                  groupId={props.groupId}
                  post={post}
                  nameOf={nameOf}
                  canReply={true}
                  turnIntoAsk={turnIntoAsk(post)}
                />
              )}
            </For>
          </ul>
        </Show>
      </section>

      <section aria-labelledby="checkins-history-title">
        <h2 id="checkins-history-title">{t("life.historyTitle")}</h2>
        <div class="field">
          <label for="checkin-history-of">{t("life.historyOfLabel")}</label>
          <select
            id="checkin-history-of"
            data-testid="checkin-history-of"
            value={historyOf()}
            onChange={(e) => setHistoryOf(e.currentTarget.value as MemberId | "all")}
          >
            <option value="all">{t("life.historyEveryone")}</option>
            <For each={props.group.members}>{(m) => <option value={m.memberId}>{m.displayName}</option>}</For>
          </select>
        </div>
        <Show when={past().length > 0} fallback={<p class="empty">{t("life.historyEmpty")}</p>}>
          <For each={past()}>
            {(period) => (
              <div class="field" data-testid="checkin-history-period">
                <h3>
                  {t("life.checkinPeriod", formatDay(period.start, lang()), formatDay(lastDay(period.end), lang()))}
                </h3>
                <ul class="life-list">
                  <For each={period.posts}>
                    {(post) => <CheckInPost groupId={props.groupId} post={post} nameOf={nameOf} canReply={false} />}
                  </For>
                </ul>
              </div>
            )}
          </For>
        </Show>
      </section>
    </>
  );
}
