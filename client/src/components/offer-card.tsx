/**
 * One offer or ask and what the viewer can do with it: claim it, confirm it happened (with optional
 * hours and dollars), thank, or take it down. When two people claimed it offline, the one the merged
 * document picked is shown everywhere, and the other sees plainly who was first.
 */
import type { GroupId, MemberId } from "@porch/shared";
import { createEffect, createSignal, For, type JSX, Show } from "solid-js";
import { checkConfirmInput, checkThanksText, type ConfirmInput, type OfferView } from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatHours, formatMoment, parseDecimal, parseDollars } from "../primitives/make-life-format.ts";
import { ErrorMessage } from "./error-message.tsx";

export function OfferCard(props: {
  readonly groupId: GroupId;
  readonly offer: OfferView;
  readonly me: MemberId | null;
  readonly nameOf: (id: string | null) => string;
  /** Called after this member's "It happened" was saved. */
  readonly onConfirmed?: (offerId: string) => void;
  /**
   * Set right after this member confirmed: the card may have moved (to "Recently done"), and the
   * confirm form is gone, so focus goes to the thanks field, or else to the card itself.
   */
  readonly takeFocus?: boolean;
}): JSX.Element {
  const { api } = usePorch();
  const { t, lang, currency } = useI18n();
  const o = () => props.offer;
  const id = (name: string) => `offer-${o().id}-${name}`;
  const claim = createLifeAction(() => api.life.claimOffer(props.groupId, o().id));
  const withdraw = createLifeAction(() => api.life.withdrawOffer(props.groupId, o().id));
  const confirm = createLifeAction((input: ConfirmInput) => api.life.confirmOffer(props.groupId, o().id, input));
  const thank = createLifeAction((note: string) => api.life.thankOffer(props.groupId, o().id, note));
  const [hours, setHours] = createSignal("");
  const [dollars, setDollars] = createSignal("");
  const [note, setNote] = createSignal("");
  const iThanked = () => o().thanks.some((x) => x.by === props.me);
  const otherParty = () => (o().giver === props.me ? o().receiver : o().giver);

  const submitConfirm = async (event: SubmitEvent) => {
    event.preventDefault();
    const input: ConfirmInput = { hours: parseDecimal(hours()), dollars: parseDollars(dollars()) };
    const problem = checkConfirmInput(input);
    if (problem !== null) return confirm.reject(problem);
    const result = await confirm.run(input);
    if (result?.ok) props.onConfirmed?.(o().id);
  };
  let card: HTMLLIElement | undefined;
  let thanksInput: HTMLTextAreaElement | undefined;
  createEffect(() => {
    if (props.takeFocus) queueMicrotask(() => (thanksInput ?? card)?.focus());
  });
  const submitThanks = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = checkThanksText(note());
    if (problem !== null) return thank.reject(problem);
    const result = await thank.run(note().trim());
    if (result?.ok) setNote("");
  };

  return (
    <li
      class="card"
      ref={card}
      tabindex="-1"
      data-testid="offer"
      data-offer-id={o().id}
      data-status={o().status}
      data-kind={o().kind}
    >
      <p class="row">
        <span class="status" data-tone={o().kind === "ask" ? "warn" : "ok"}>
          {t(`life.offerKinds.${o().kind}`)}
        </span>
        <span class="tag">{t(`life.offerCategories.${o().category}`)}</span>
        <span class="status" data-testid="offer-status">
          {t(`life.offerStatus.${o().status}`)}
        </span>
      </p>
      <p data-testid="offer-description">{o().description}</p>
      <Show when={o().fromCheckIn}>
        <p class="meta" data-testid="offer-from-checkin">
          {t("groupScreen.fromCheckIn", props.nameOf(o().poster))}
        </p>
      </Show>
      <Show when={o().when}>
        <p>
          <strong>{t("life.offerWhenLabel")}:</strong> {o().when}
        </p>
      </Show>
      <p class="meta">
        {t("life.postedBy", props.nameOf(o().poster), formatMoment(o().postedAt, lang()))}
        <Show when={o().status === "open"}> · {t("life.expires", formatMoment(o().expiresAt, lang()))}</Show>
      </p>
      <Show when={o().claimant}>
        {(claimant) => (
          <p data-testid="offer-claimant" data-claimant={claimant()}>
            {o().kind === "offer"
              ? t("life.claimedBy", props.nameOf(claimant()))
              : t("life.volunteeredBy", props.nameOf(claimant()))}
          </p>
        )}
      </Show>
      <Show when={o().claimedFirstBy}>
        {(first) => (
          <p class="notice" role="status" data-testid="offer-claimed-first">
            {t("life.claimedFirst", props.nameOf(first()))}
          </p>
        )}
      </Show>

      <Show when={o().status === "open" && !o().mine}>
        <button
          type="button"
          class="primary small"
          data-testid="offer-claim"
          disabled={claim.pending()}
          onClick={() => void claim.run()}
        >
          {o().kind === "offer" ? t("life.claimOffer") : t("life.volunteer")}
        </button>
      </Show>
      <ErrorMessage message={claim.message()} />

      <Show when={o().needsMyConfirmation && o().confirmedBy.length > 0}>
        <p class="gentle" data-testid="offer-other-confirmed">
          {t("groupScreen.otherConfirmed", props.nameOf(o().confirmedBy[0] ?? null))}
        </p>
      </Show>
      <Show when={o().needsMyConfirmation}>
        <form class="goal-form" onSubmit={submitConfirm} novalidate>
          <p class="hint-plain">{t("life.confirmExplain")}</p>
          <div class="row">
            <div class="field">
              <label for={id("hours")}>{t("life.hoursLabel")}</label>
              <input
                id={id("hours")}
                type="text"
                inputmode="decimal"
                data-testid="offer-hours-input"
                value={hours()}
                onInput={(e) => setHours(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for={id("dollars")}>{t("life.dollarsLabel")}</label>
              <input
                id={id("dollars")}
                type="text"
                inputmode="numeric"
                data-testid="offer-dollars-input"
                value={dollars()}
                onInput={(e) => setDollars(e.currentTarget.value)}
              />
            </div>
          </div>
          <ErrorMessage message={confirm.message()} />
          <button type="submit" class="primary small" data-testid="offer-confirm" disabled={confirm.pending()}>
            {t("life.confirmHappened")}
          </button>
        </form>
      </Show>
      <Show when={o().status === "claimed" && o().iAmParty && !o().needsMyConfirmation}>
        <p class="meta" data-testid="offer-waiting">
          {t("life.waitingForOther")}
        </p>
      </Show>

      <Show when={o().status === "done"}>
        <p data-testid="offer-recorded">
          {t("life.helpRecorded", props.nameOf(o().giver), props.nameOf(o().receiver))}
          <Show when={o().hours !== null}> · {t("life.hours", formatHours(o().hours ?? 0, lang()))}</Show>
          <Show when={o().dollars !== null}> · {currency(o().dollars ?? 0)}</Show>
        </p>
      </Show>
      <Show when={o().thanks.length > 0}>
        <ul class="life-sublist" aria-label={t("life.thanksLabel")}>
          <For each={o().thanks}>
            {(x) => (
              <li data-testid="offer-thanks">
                <strong>{props.nameOf(x.by)}</strong>: {x.note}
              </li>
            )}
          </For>
        </ul>
      </Show>
      {/* The one who was helped is asked where they are; the helper may thank too. */}
      <Show when={o().status === "done" && o().iAmParty && !iThanked()}>
        <form
          class={o().receiver === props.me ? "goal-form gentle" : "goal-form"}
          data-testid={o().receiver === props.me ? "offer-thanks-prompt" : undefined}
          onSubmit={submitThanks}
          novalidate
        >
          <label for={id("thanks")}>{t("groupScreen.sayThanksTo", props.nameOf(otherParty()))}</label>
          <textarea
            ref={thanksInput}
            id={id("thanks")}
            data-testid="offer-thanks-input"
            maxlength={1000}
            value={note()}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <ErrorMessage message={thank.message()} />
          <button type="submit" class="small primary" data-testid="offer-thanks-submit" disabled={thank.pending()}>
            {t("life.thanksSend")}
          </button>
        </form>
      </Show>

      <Show when={o().mine && (o().status === "open" || o().status === "claimed")}>
        <button
          type="button"
          class="small"
          data-testid="offer-withdraw"
          disabled={withdraw.pending()}
          onClick={() => void withdraw.run()}
        >
          {t("life.withdraw")}
        </button>
        <ErrorMessage message={withdraw.message()} />
      </Show>
    </li>
  );
}
