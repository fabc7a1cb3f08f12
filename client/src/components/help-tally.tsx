/**
 * Help given and received, for the group and per member. Shown side by side and never netted: this is
 * a record of kindness, not a balance or a debt.
 */
import { For, type JSX, Show } from "solid-js";
import type { HelpTotals, TallyView } from "../core/api/group-life-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { formatHours } from "../primitives/make-life-format.ts";

export function HelpTally(props: { readonly tally: TallyView; readonly nameOf: (id: string) => string }): JSX.Element {
  const { t, lang, currency } = useI18n();
  const line = (x: HelpTotals) =>
    [
      t("life.times", x.count),
      t("life.hours", formatHours(x.hours, lang())),
      x.dollars > 0 ? currency(x.dollars) : null,
    ]
      .filter((s) => s !== null)
      .join(" · ");

  return (
    <section class="card" aria-labelledby="tally-title" data-testid="tally">
      <h2 id="tally-title">{t("life.tallyTitle")}</h2>
      <Show when={props.tally.group.count > 0} fallback={<p class="empty">{t("life.tallyEmpty")}</p>}>
        <p data-testid="tally-group">{t("life.tallyGroup", line(props.tally.group))}</p>
        <ul class="life-sublist">
          <For each={props.tally.members}>
            {(m) => (
              <li data-testid="tally-member" data-member-id={m.memberId}>
                <strong>{props.nameOf(m.memberId)}</strong>
                <dl class="tally">
                  <div>
                    <dt>{t("life.given")}</dt>
                    <dd data-testid="tally-given">{line(m.given)}</dd>
                  </div>
                  <div>
                    <dt>{t("life.received")}</dt>
                    <dd data-testid="tally-received">{line(m.received)}</dd>
                  </div>
                </dl>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
