/** The Offers & asks tab: filters, the list, posting, and the help tally (given and received). */
import type { GroupId } from "@porch/shared";
import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import { OFFER_CATEGORIES, type LifeView, type OfferCategory, type OfferFilter } from "../core/api/group-life-api.ts";
import type { GroupView } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { HelpTally } from "./help-tally.tsx";
import { OfferCard } from "./offer-card.tsx";
import { OfferForm } from "./offer-form.tsx";

export function OffersPanel(props: {
  readonly groupId: GroupId;
  readonly group: GroupView;
  readonly life: LifeView;
}): JSX.Element {
  const { api, state } = usePorch();
  const { t } = useI18n();
  const nameOf = (id: string | null) =>
    props.group.members.find((m) => m.memberId === id)?.displayName ?? t("unknownMember");
  const [show, setShow] = createSignal<"open" | "all">("open");
  const [mine, setMine] = createSignal(false);
  const [category, setCategory] = createSignal<OfferCategory | "">("");
  const filter = (): OfferFilter => {
    const c = category();
    return { show: show(), mine: mine(), ...(c === "" ? {} : { category: c }) };
  };
  // The core filters; the rows come from the reconciled store, so a card (and what is typed in it)
  // survives a sync that changes another offer.
  const offers = createMemo(() => {
    state.version();
    const ids = new Set((api.life.offers(props.groupId, filter()) ?? []).map((o) => o.id));
    // Someone who claimed too but was not first must still see the offer and who was first.
    const c = category();
    const lostRace = (o: LifeView["offers"][number]) =>
      o.claimedFirstBy !== null && o.status === "claimed" && (c === "" || o.category === c);
    return props.life.offers.filter((o) => ids.has(o.id) || lostRace(o));
  });
  const filtered = () => show() !== "open" || mine() || category() !== "";

  return (
    <>
      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{t("life.offersTitle")}</h2>
        <p class="meta">{t("life.offersIntro")}</p>
        <fieldset class="filters">
          <legend>{t("life.filterLegend")}</legend>
          <For each={["open", "all"] as const}>
            {(s) => (
              <label class="radio">
                <input
                  type="radio"
                  name="offer-show"
                  data-testid={`offer-filter-${s}`}
                  checked={show() === s}
                  onChange={() => setShow(s)}
                />
                {t(`life.filterShow.${s}`)}
              </label>
            )}
          </For>
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="offer-filter-mine"
              checked={mine()}
              onChange={(e) => setMine(e.currentTarget.checked)}
            />
            {t("life.filterMine")}
          </label>
        </fieldset>
        <div class="field">
          <label for="offer-filter-category">{t("life.filterCategory")}</label>
          <select
            id="offer-filter-category"
            data-testid="offer-filter-category"
            value={category()}
            onChange={(e) => setCategory(e.currentTarget.value as OfferCategory | "")}
          >
            <option value="">{t("life.filterAnyCategory")}</option>
            <For each={OFFER_CATEGORIES}>{(c) => <option value={c}>{t(`life.offerCategories.${c}`)}</option>}</For>
          </select>
        </div>
        <Show
          when={offers().length > 0}
          fallback={
            <p class="empty" data-testid="offers-empty">
              {filtered() ? t("life.offersEmptyFiltered") : t("life.offersEmpty")}
            </p>
          }
        >
          <ul class="life-list">
            <For each={offers()}>
              {(offer) => (
                <OfferCard
                  groupId={props.groupId}
                  offer={offer}
                  me={state.profile()?.memberId ?? null}
                  nameOf={nameOf}
                />
              )}
            </For>
          </ul>
        </Show>
      </section>
      <section class="card" aria-labelledby="post-offer-title">
        <h2 id="post-offer-title">{t("life.postOfferTitle")}</h2>
        <OfferForm groupId={props.groupId} />
      </section>
      <HelpTally tally={props.life.tally} nameOf={nameOf} />
    </>
  );
}
