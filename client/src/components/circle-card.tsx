/**
 * One lending circle: what the app does not do (move money), this member's reminders, late payments,
 * each round's payments (payer marks sent, recipient confirms received), the summary and a CSV file.
 */
import type { GroupId, MemberId } from "@porch/shared";
import { For, type JSX, Show } from "solid-js";
import type { CircleView, PaymentView } from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatDay } from "../primitives/make-life-format.ts";
import { ErrorMessage } from "./error-message.tsx";

export function CircleCard(props: {
  readonly groupId: GroupId;
  readonly circle: CircleView;
  readonly me: MemberId | null;
  readonly nameOf: (id: string) => string;
}): JSX.Element {
  const { api } = usePorch();
  const { t, lang, currency } = useI18n();
  const c = () => props.circle;
  const paid = createLifeAction((round: number) => api.life.markPaid(props.groupId, c().id, round));
  const received = createLifeAction((round: number, payer: MemberId) =>
    api.life.confirmReceived(props.groupId, c().id, round, payer),
  );
  const csv = createLifeAction(() => api.life.circleCsv(props.groupId, c().id));
  const nowRound = () => c().rounds.find((r) => !r.complete)?.index ?? -1;
  const schedule = () => {
    const s = c().schedule;
    return s.kind === "monthly" ? t("life.scheduleMonthly", s.day) : t("life.scheduleWeeks", s.every);
  };

  const download = async () => {
    const result = await csv.run();
    if (!result?.ok) return;
    const url = URL.createObjectURL(new Blob([result.value], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${
      c()
        .name.replace(/[^\p{L}\p{N}]+/gu, "-")
        .replace(/^-|-$/g, "") || "circle"
    }.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const paymentLine = (p: PaymentView) =>
    t("life.paymentLine", props.nameOf(p.payer), currency(p.amount), props.nameOf(p.recipient));

  return (
    <li class="card" data-testid="circle" data-circle-id={c().id} data-complete={c().complete ? "true" : "false"}>
      <h3 data-testid="circle-name">{c().name}</h3>
      <p class="notice" data-testid="circle-notice">
        {t("life.circleNotice")}
      </p>
      <p class="meta" data-testid="circle-terms">
        {t("life.circleTerms", currency(c().contribution), schedule(), c().members.length)} ·{" "}
        {t(`life.orderKinds.${c().orderKind}`)}
      </p>
      <p data-testid="circle-summary">
        {c().complete ? t("life.circleComplete") : ""}
        {t(
          "life.circleSummary",
          c().summary.roundsComplete,
          c().summary.rounds,
          currency(c().summary.confirmed),
          currency(c().summary.expected),
        )}
      </p>

      <Show when={c().reminders.length > 0}>
        <ul class="life-sublist" aria-label={t("life.remindersLabel")}>
          <For each={c().reminders}>
            {(r) => (
              <li class="gentle" data-testid="circle-reminder" data-kind={r.kind}>
                {r.kind === "pay"
                  ? t("life.reminderPay", currency(r.amount), props.nameOf(r.recipient), formatDay(r.due, lang()))
                  : t("life.reminderConfirm", props.nameOf(r.payer), currency(r.amount))}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={c().late.length > 0}>
        <div class="notice" data-testid="circle-late">
          <strong>{t("life.lateTitle")}</strong>
          <ul class="life-sublist">
            <For each={c().late}>{(p) => <li>{t("life.lateLine", paymentLine(p), formatDay(p.due, lang()))}</li>}</For>
          </ul>
        </div>
      </Show>

      <ol class="life-sublist" aria-label={t("life.roundsLabel")}>
        <For each={c().rounds}>
          {(round) => (
            <li data-testid="circle-round" data-round={round.index} data-complete={round.complete ? "true" : "false"}>
              <details open={round.index === nowRound()}>
                <summary>
                  {t("life.roundTitle", round.index + 1, props.nameOf(round.recipient), formatDay(round.due, lang()))}
                </summary>
                <p class="meta">{t("life.roundPot", currency(round.pot))}</p>
                <ul class="life-sublist">
                  <For each={round.payments}>
                    {(p) => (
                      <li data-testid="circle-payment" data-payer={props.nameOf(p.payer)} data-state={p.state}>
                        <p>
                          {paymentLine(p)} —{" "}
                          <span
                            class="status"
                            data-testid="payment-state"
                            data-tone={p.state === "received" ? "ok" : p.state === "late" ? "warn" : undefined}
                          >
                            {t(`life.paymentStates.${p.state}`)}
                          </span>
                        </p>
                        <Show
                          when={p.payer === props.me && (p.state === "due" || p.state === "late") && p.sentAt === null}
                        >
                          <button
                            type="button"
                            class="small primary"
                            data-testid="payment-mark-sent"
                            disabled={paid.pending()}
                            onClick={() => void paid.run(round.index)}
                          >
                            {t("life.markSent")}
                          </button>
                        </Show>
                        <Show
                          when={
                            p.recipient === props.me &&
                            p.sentAt !== null &&
                            p.receivedAt === null &&
                            p.payer !== props.me
                          }
                        >
                          <button
                            type="button"
                            class="small primary"
                            data-testid="payment-confirm-received"
                            disabled={received.pending()}
                            onClick={() => void received.run(round.index, p.payer)}
                          >
                            {t("life.confirmReceived")}
                          </button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </details>
            </li>
          )}
        </For>
      </ol>
      <ErrorMessage message={paid.message() ?? received.message()} />
      <button
        type="button"
        class="small"
        data-testid="circle-csv"
        disabled={csv.pending()}
        onClick={() => void download()}
      >
        {t("life.downloadCsv")}
      </button>
      <ErrorMessage message={csv.message()} />
    </li>
  );
}
