/**
 * Post an offer of help or an ask: kind, category, description, when, and how many days it stays up
 * (1–14). A draft (an ask made from a check-in) starts the form filled in; the member edits it first.
 */
import type { GroupId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import {
  checkOfferInput,
  LIFE_LIMITS,
  OFFER_CATEGORIES,
  type OfferCategory,
  type OfferInput,
  type OfferKind,
} from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { ErrorMessage } from "./error-message.tsx";

/** What an ask made from a check-in starts with. */
export interface OfferDraft {
  readonly description: string;
  readonly fromCheckIn: string;
}

export function OfferForm(props: {
  readonly groupId: GroupId;
  readonly draft?: OfferDraft | null;
  /** Called once the post is saved on this device. */
  readonly onSaved?: () => void;
}): JSX.Element {
  const { api } = usePorch();
  const { t } = useI18n();
  const draft = props.draft ?? null;
  const [kind, setKind] = createSignal<OfferKind>(draft === null ? "offer" : "ask");
  const [category, setCategory] = createSignal<OfferCategory>(draft === null ? "childcare-swap" : "other");
  const [description, setDescription] = createSignal(draft?.description.slice(0, LIFE_LIMITS.note) ?? "");
  const [when, setWhen] = createSignal("");
  const [days, setDays] = createSignal("7");
  const post = createLifeAction((input: OfferInput) => api.life.postOffer(props.groupId, input));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input: OfferInput = {
      kind: kind(),
      category: category(),
      description: description().trim(),
      when: when().trim(),
      expiryDays: Number(days()),
      ...(draft === null ? {} : { fromCheckIn: draft.fromCheckIn }),
    };
    const problem = checkOfferInput(input);
    if (problem !== null) return post.reject(problem);
    const result = await post.run(input);
    if (result?.ok) {
      setDescription("");
      setWhen("");
      props.onSaved?.();
    }
  };

  return (
    <form class="goal-form" onSubmit={submit} novalidate>
      <Show when={draft !== null}>
        <p class="gentle" data-testid="offer-from-checkin-note">
          {t("groupScreen.askFromCheckInNote")}
        </p>
      </Show>
      <fieldset>
        <legend>{t("life.offerKindLegend")}</legend>
        <For each={["offer", "ask"] as const}>
          {(k) => (
            <label class="radio">
              <input
                type="radio"
                name="offer-kind"
                data-testid={`offer-kind-${k}`}
                checked={kind() === k}
                onChange={() => setKind(k)}
              />
              {t(`life.offerKinds.${k}`)}
            </label>
          )}
        </For>
      </fieldset>
      <label for="offer-category">{t("goalCategoryLabel")}</label>
      <select
        id="offer-category"
        data-testid="offer-category-input"
        value={category()}
        onChange={(e) => setCategory(e.currentTarget.value as OfferCategory)}
      >
        <For each={OFFER_CATEGORIES}>{(c) => <option value={c}>{t(`life.offerCategories.${c}`)}</option>}</For>
      </select>
      <label for="offer-description">{t("life.offerDescriptionLabel")}</label>
      <textarea
        id="offer-description"
        data-testid="offer-description-input"
        data-first={draft === null ? undefined : ""}
        maxlength={LIFE_LIMITS.note}
        value={description()}
        onInput={(e) => setDescription(e.currentTarget.value)}
      />
      <label for="offer-when">{t("life.offerWhenLabel")}</label>
      <p class="hint" id="offer-when-hint">
        {t("life.offerWhenHint")}
      </p>
      <input
        id="offer-when"
        type="text"
        data-testid="offer-when-input"
        aria-describedby="offer-when-hint"
        maxlength={LIFE_LIMITS.title}
        value={when()}
        onInput={(e) => setWhen(e.currentTarget.value)}
      />
      <label for="offer-days">{t("life.offerDaysLabel")}</label>
      <select
        id="offer-days"
        data-testid="offer-days-input"
        value={days()}
        onChange={(e) => setDays(e.currentTarget.value)}
      >
        <For each={Array.from({ length: LIFE_LIMITS.expiryDays.max }, (_, i) => i + 1)}>
          {(d) => <option value={String(d)}>{t("life.days", d)}</option>}
        </For>
      </select>
      <ErrorMessage message={post.message()} />
      <button type="submit" class="primary" data-testid="offer-submit" disabled={post.pending()}>
        {kind() === "offer" ? t("life.offerPost") : t("life.askPost")}
      </button>
    </form>
  );
}
