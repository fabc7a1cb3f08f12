/**
 * What I share: per field and per audience, nothing on until the member turns it on. The
 * organization's anonymous totals (per journal question), and which of my groups see my goal amounts.
 * A preview shows exactly what would leave the device for the totals, after rounding into ranges;
 * the ledger lists every switch flipped and when, and the participation record the months that
 * counted. The screen says plainly that totals already published cannot be taken back.
 */
import { fieldText } from "../i18n/journal-text.ts";
import "../components/journal.css";
import {
  fieldDef,
  GOAL_AMOUNTS,
  JOURNAL_SECTIONS,
  SHAREABLE_FIELDS,
  type ConsentEvent,
  type ShareableFieldId,
} from "@porch/shared/journal";
import type { ContributionItem } from "@porch/shared/aggregation";
import { For, type JSX, Show } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { CohortStatus } from "../components/cohort-status.tsx";
import { ProgramCodeForm } from "../components/program-code-form.tsx";
import { JournalNav } from "../components/journal-nav.tsx";
import { previewOf } from "../core/api/journal-preview.ts";
import { formatDate, formatMonth } from "../i18n/format.ts";
import { createAction } from "../primitives/create-action.ts";
import { createJournalView } from "../primitives/create-journal-view.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

export function SharingScreen(): JSX.Element {
  const { api, state } = usePorch();
  const { t, lang, errorText, currency } = useI18n();
  const view = createJournalView(api, state.version);
  const consent = createAction(
    (audience: "org-totals" | "group-progress", field: string, on: boolean, group?: string) =>
      api.journal.setConsent(audience, field, on, group),
  );
  const shared = (field: ShareableFieldId) => view()?.consents.orgTotals.includes(field) ?? false;
  const groupShares = (groupId: string) => view()?.consents.groupProgress.includes(groupId) ?? false;
  const preview = () => previewOf(view());
  const dollars = (d: number) => currency(d);
  const shown = (item: ContributionItem, v: number) => (fieldDef(item.field).kind === "money" ? dollars(v) : String(v));
  const range = (item: ContributionItem) =>
    item.bucketRange.min === item.bucketRange.max
      ? shown(item, item.bucketRange.min)
      : `${shown(item, item.bucketRange.min)}–${shown(item, item.bucketRange.max)}`;
  const ledgerLine = (e: ConsentEvent) =>
    t(
      e.granted ? "journal.ledgerOn" : "journal.ledgerOff",
      formatDate(e.at, lang()),
      e.audience === "org-totals"
        ? fieldText(t, e.field as ShareableFieldId).label
        : (state.groups().find((g) => g.groupId === e.groupId)?.name ?? t("journal.aGroup")),
      t(`journal.audiences.${e.audience}.name`),
    );

  return (
    <div class="stack">
      <JournalNav current="sharing" />
      <h1 tabindex="-1">{t("journal.consentTitle")}</h1>
      <p class="important">{t("journal.nothingShared")}</p>
      <p>{t("journal.cannotRecall")}</p>

      <section class="card" aria-labelledby="share-org-title">
        <h2 id="share-org-title">{t("journal.audiences.org-totals.name")}</h2>
        <p>{t("journal.audiences.org-totals.explain")}</p>
        <p class="hint">{t("journal.revokeNextPeriod")}</p>
        <For each={JOURNAL_SECTIONS.filter((s) => SHAREABLE_FIELDS.some((f) => fieldDef(f).section === s))}>
          {(section) => (
            <fieldset>
              <legend>{t(`journal.sections.${section}`)}</legend>
              <For each={SHAREABLE_FIELDS.filter((f) => fieldDef(f).section === section)}>
                {(field) => (
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      data-testid={`consent-org-${field}`}
                      checked={shared(field)}
                      disabled={consent.pending()}
                      onChange={(e) => void consent.run("org-totals", field, e.currentTarget.checked)}
                    />
                    {t("journal.shareField", fieldText(t, field).label)}
                  </label>
                )}
              </For>
            </fieldset>
          )}
        </For>
        <p class="hint">{t("journal.neverShared")}</p>
      </section>

      <section class="card" aria-labelledby="share-preview-title" data-testid="consent-preview">
        <h2 id="share-preview-title">{t("journal.previewTitle")}</h2>
        <Show
          when={preview().items.length > 0}
          fallback={<p data-testid="consent-preview-empty">{t("journal.previewEmpty")}</p>}
        >
          <Show when={view()?.months.at(-1)}>
            {(m) => <p>{t("journal.previewFrom", formatMonth(m().month, lang()))}</p>}
          </Show>
          <ul class="preview-list">
            <For each={preview().items}>
              {(item) => (
                <li data-testid="consent-preview-item" data-field={item.field}>
                  <strong>{fieldText(t, item.field).label}</strong>: {t("journal.previewRange", range(item))}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <CohortStatus />
      <ProgramCodeForm />

      <section class="card" aria-labelledby="share-group-title">
        <h2 id="share-group-title">{t("journal.audiences.group-progress.name")}</h2>
        <p>{t("journal.audiences.group-progress.explain")}</p>
        <Show when={state.groups().length > 0} fallback={<p class="hint">{t("journal.noGroups")}</p>}>
          <For each={state.groups()}>
            {(group) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  data-testid="consent-group"
                  data-group={group.groupId}
                  checked={groupShares(group.groupId)}
                  disabled={consent.pending()}
                  onChange={(e) =>
                    void consent.run("group-progress", GOAL_AMOUNTS, e.currentTarget.checked, group.groupId)
                  }
                />
                {group.name}
              </label>
            )}
          </For>
        </Show>
      </section>
      <ErrorMessage message={consent.error() ? errorText(consent.error()!) : null} />

      <section class="card" aria-labelledby="share-ledger-title">
        <h2 id="share-ledger-title">{t("journal.ledgerTitle")}</h2>
        <Show when={(view()?.consentHistory.length ?? 0) > 0} fallback={<p>{t("journal.ledgerEmpty")}</p>}>
          <ol class="ledger" data-testid="consent-ledger">
            <For each={[...(view()?.consentHistory ?? [])].reverse()}>{(e) => <li>{ledgerLine(e)}</li>}</For>
          </ol>
        </Show>
        <h3>{t("journal.participationTitle")}</h3>
        <p data-testid="participation">{t("journal.participation", view()?.participation.length ?? 0)}</p>
        <Show when={(view()?.participation.length ?? 0) > 0}>
          <ul>
            <For each={view()?.participation ?? []}>{(p) => <li>{formatMonth(p, lang())}</li>}</For>
          </ul>
        </Show>
      </section>
    </div>
  );
}
