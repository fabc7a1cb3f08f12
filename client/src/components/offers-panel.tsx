/**
 * The Offers & asks tab: filters, what is open, what happened recently (so a finished exchange stays
 * in view with its thanks prompt), posting (folded behind a button), and the help tally.
 */
import type { GroupId } from "@porch/shared";
import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import {
  filterOffers,
  OFFER_CATEGORIES,
  RECENTLY_DONE_MS,
  type LifeView,
  type OfferCategory,
  type OfferFilter,
} from "../core/api/group-life-api.ts";
import type { GroupView } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { HelpTally } from "./help-tally.tsx";
import { OfferCard } from "./offer-card.tsx";
import { FoldedForm } from "./folded-form.tsx";
import { OfferForm, type OfferDraft } from "./offer-form.tsx";

export function OffersPanel(props: {
  readonly groupId: GroupId;
  readonly group: GroupView;
  readonly life: LifeView;
  /** An ask to start from (made from a check-in): opens the form filled in. */
  readonly draft?: OfferDraft | null;
  readonly onDraftUsed?: () => void;
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
  // Help that happened lately stays in view under "Open", with its thanks prompt, for two weeks.
  const recentlyDone = createMemo(() => {
    state.version();
    if (show() !== "open") return [];
    const c = category();
    const since = Date.now() - RECENTLY_DONE_MS;
    const ids = new Set(
      filterOffers(props.life.offers, state.profile()?.memberId ?? null, {
        show: "all",
        mine: mine(),
        ...(c === "" ? {} : { category: c }),
      })
        .filter((o) => o.status === "done" && (o.doneAt ?? 0) >= since)
        .map((o) => o.id),
    );
    return props.life.offers.filter((o) => ids.has(o.id));
  });
  // Never "nothing here yet" right after help happened: the group has offers, just none open.
  const emptyText = () =>
    filtered()
      ? t("life.offersEmptyFiltered")
      : props.life.offers.length > 0
        ? t("groupScreen.nothingOpen")
        : t("life.offersEmpty");
  const [formOpen, setFormOpen] = createSignal(props.draft != null);
  const closeForm = (open: boolean) => {
    setFormOpen(open);
    if (!open) props.onDraftUsed?.();
  };
  // The card this member just confirmed takes focus once it has re-rendered (it may have moved).
  const [justConfirmed, setJustConfirmed] = createSignal<string | null>(null);
  const card = (offer: LifeView["offers"][number]) => (
    <OfferCard
      groupId={props.groupId}
      offer={offer}
      me={state.profile()?.memberId ?? null}
      nameOf={nameOf}
      onConfirmed={(id) => {
        setJustConfirmed(id);
        queueMicrotask(() => setJustConfirmed(null));
      }}
      takeFocus={justConfirmed() === offer.id}
    />
  );

  return (
    <>
      <FoldedForm
        id="post-offer"
        openLabel={t("groupScreen.newOfferOpen")}
        title={t("life.postOfferTitle")}
        open={formOpen()}
        onOpenChange={closeForm}
        testId="offer-form-open"
      >
        {(done) => <OfferForm groupId={props.groupId} draft={props.draft ?? null} onSaved={() => done(true)} />}
      </FoldedForm>
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
              {emptyText()}
            </p>
          }
        >
          <ul class="life-list">
            <For each={offers()}>{card}</For>
          </ul>
        </Show>
      </section>
      <Show when={recentlyDone().length > 0}>
        <section aria-labelledby="offers-done-title" data-testid="offers-recently-done">
          <h2 id="offers-done-title">{t("groupScreen.recentlyDoneTitle")}</h2>
          <p class="meta">{t("groupScreen.recentlyDoneHint")}</p>
          <ul class="life-list">
            <For each={recentlyDone()}>{card}</For>
          </ul>
        </section>
      </Show>
      <HelpTally tally={props.life.tally} nameOf={nameOf} />
    </>
  );
}
