/**
 * Start a lending circle: name, members (a subset of the group, you included), contribution per
 * round, schedule, first date and payout order. Tracking only: the app never moves money.
 */
import type { GroupId, MemberId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import { checkCircleInput, LIFE_LIMITS, type CircleInput, type PayoutOrder } from "../core/api/group-life-api.ts";
import type { GroupMember } from "../core/api/porch-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { parseDollars, today } from "../primitives/make-life-format.ts";
import { ErrorMessage } from "./error-message.tsx";
import { DateInWords } from "./date-in-words.tsx";

export function CircleForm(props: {
  readonly groupId: GroupId;
  readonly members: readonly GroupMember[];
  readonly me: MemberId | null;
  /** Called once the circle is saved on this device. */
  readonly onSaved?: () => void;
}): JSX.Element {
  const { api } = usePorch();
  const { t, lang } = useI18n();
  const [name, setName] = createSignal("");
  const [chosen, setChosen] = createSignal<readonly MemberId[]>(props.me === null ? [] : [props.me]);
  const [amount, setAmount] = createSignal("");
  const [scheduleKind, setScheduleKind] = createSignal<"monthly" | "weeks">("monthly");
  const [scheduleN, setScheduleN] = createSignal("1");
  const [start, setStart] = createSignal(today());
  const [orderKind, setOrderKind] = createSignal<PayoutOrder["kind"]>("agreed");
  const create = createLifeAction((input: CircleInput) => api.life.createCircle(props.groupId, input));
  const nameOf = (id: MemberId) => props.members.find((m) => m.memberId === id)?.displayName ?? t("unknownMember");

  const toggle = (id: MemberId, on: boolean) =>
    setChosen((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));
  const moveUp = (index: number) =>
    setChosen((list) => {
      const copy = [...list];
      const [item] = copy.splice(index, 1);
      if (item !== undefined) copy.splice(index - 1, 0, item);
      return copy;
    });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const n = Number(scheduleN());
    const kind = orderKind();
    const input: CircleInput = {
      name: name().trim(),
      members: chosen(),
      contribution: parseDollars(amount()) ?? 0,
      schedule: scheduleKind() === "monthly" ? { kind: "monthly", day: n } : { kind: "weeks", every: n },
      startDate: start(),
      order: kind === "random" ? { kind } : { kind, order: chosen() },
    };
    const problem = checkCircleInput(input);
    if (problem !== null) return create.reject(problem);
    const result = await create.run(input);
    if (result?.ok) {
      setName("");
      setAmount("");
      props.onSaved?.();
    }
  };

  return (
    <form class="goal-form" onSubmit={submit} novalidate>
      <label for="circle-name">{t("life.circleNameLabel")}</label>
      <input
        id="circle-name"
        type="text"
        data-testid="circle-name-input"
        maxlength={LIFE_LIMITS.title}
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <fieldset>
        <legend>{t("life.circleMembersLegend")}</legend>
        <For each={props.members}>
          {(m) => (
            <label class="checkbox">
              <input
                type="checkbox"
                data-testid="circle-member-input"
                data-member-name={m.displayName}
                checked={chosen().includes(m.memberId)}
                onChange={(e) => toggle(m.memberId, e.currentTarget.checked)}
              />
              {m.displayName}
            </label>
          )}
        </For>
      </fieldset>
      <label for="circle-amount">{t("life.circleAmountLabel")}</label>
      <input
        id="circle-amount"
        type="text"
        inputmode="numeric"
        data-testid="circle-amount-input"
        value={amount()}
        onInput={(e) => setAmount(e.currentTarget.value)}
      />
      <fieldset>
        <legend>{t("life.circleScheduleLegend")}</legend>
        <For each={["monthly", "weeks"] as const}>
          {(k) => (
            <label class="radio">
              <input
                type="radio"
                name="circle-schedule"
                data-testid={`circle-schedule-${k}`}
                checked={scheduleKind() === k}
                onChange={() => setScheduleKind(k)}
              />
              {t(`life.scheduleKinds.${k}`)}
            </label>
          )}
        </For>
      </fieldset>
      <label for="circle-schedule-n">
        {scheduleKind() === "monthly" ? t("life.scheduleDayLabel") : t("life.scheduleWeeksLabel")}
      </label>
      <input
        id="circle-schedule-n"
        type="number"
        data-testid="circle-schedule-n"
        min={scheduleKind() === "monthly" ? LIFE_LIMITS.monthlyDay.min : LIFE_LIMITS.everyWeeks.min}
        max={scheduleKind() === "monthly" ? LIFE_LIMITS.monthlyDay.max : LIFE_LIMITS.everyWeeks.max}
        value={scheduleN()}
        onInput={(e) => setScheduleN(e.currentTarget.value)}
      />
      <label for="circle-start">{t("life.circleStartLabel")}</label>
      <input
        id="circle-start"
        type="date"
        data-testid="circle-start-input"
        min={LIFE_LIMITS.minDate}
        max={LIFE_LIMITS.maxDate}
        lang={lang()}
        value={start()}
        onInput={(e) => setStart(e.currentTarget.value)}
        aria-describedby="circle-start-words"
      />
      <DateInWords id="circle-start-words" value={start()} />
      <fieldset>
        <legend>{t("life.circleOrderLegend")}</legend>
        <For each={["agreed", "random", "need"] as const}>
          {(k) => (
            <label class="radio">
              <input
                type="radio"
                name="circle-order"
                data-testid={`circle-order-${k}`}
                checked={orderKind() === k}
                onChange={() => setOrderKind(k)}
              />
              {t(`life.orderKinds.${k}`)}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={orderKind() !== "random" && chosen().length > 0}>
        <ol class="life-sublist" aria-label={t("life.circleOrderListLabel")}>
          <For each={chosen()}>
            {(id, index) => (
              <li class="row" data-testid="circle-order-item">
                <span>
                  {index() + 1}. {nameOf(id)}
                </span>
                <Show when={index() > 0}>
                  <button
                    type="button"
                    class="small"
                    aria-label={t("life.moveUp", nameOf(id))}
                    onClick={() => moveUp(index())}
                  >
                    ↑
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={orderKind() === "random"}>
        <p class="hint-plain">{t("life.randomExplain")}</p>
      </Show>
      <ErrorMessage message={create.message()} />
      <button type="submit" class="primary" data-testid="circle-submit" disabled={create.pending()}>
        {t("life.circleCreate")}
      </button>
    </form>
  );
}
