/** Leaving a group; the last manager must first choose who manages it next. */
import type { MemberId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";
import type { GroupMember } from "../core/api/porch-api.ts";
import { ErrorMessage } from "./error-message.tsx";
import "./membership.css";

export function LeaveGroup(props: {
  /** Other members to choose a successor from, or empty when one is not needed. */
  readonly successors: readonly GroupMember[];
  readonly pending: boolean;
  readonly error: string | null;
  readonly onLeave: (successor: MemberId | null) => void;
}): JSX.Element {
  const { t } = useI18n();
  const [open, setOpen] = createSignal(false);
  const [successor, setSuccessor] = createSignal<MemberId | null>(null);
  const needsSuccessor = () => props.successors.length > 0;
  return (
    <section class="card" aria-labelledby="leave-title">
      <Show
        when={open()}
        fallback={
          <button type="button" data-testid="leave-button" onClick={() => setOpen(true)}>
            {t("membership.leave")}
          </button>
        }
      >
        <h2 id="leave-title">{t("membership.leaveTitle")}</h2>
        <p>{t("membership.leaveExplain")}</p>
        <Show when={needsSuccessor()}>
          <label for="leave-successor">{t("membership.leaveSuccessorLabel")}</label>
          <p class="hint" id="leave-successor-hint">
            {t("membership.leaveSuccessorHint")}
          </p>
          <select
            id="leave-successor"
            data-testid="leave-successor"
            aria-describedby="leave-successor-hint"
            onChange={(e) => setSuccessor((e.currentTarget.value || null) as MemberId | null)}
          >
            <option value="" />
            <For each={props.successors}>
              {(m) => <option value={m.memberId}>{m.displayName || t("unknownMember")}</option>}
            </For>
          </select>
        </Show>
        <ErrorMessage message={props.error} />
        <div class="actions">
          <button
            type="button"
            class="primary"
            data-testid="confirm-leave"
            disabled={props.pending || (needsSuccessor() && successor() === null)}
            onClick={() => props.onLeave(needsSuccessor() ? successor() : null)}
          >
            {t("membership.confirmLeave")}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t("cancel")}
          </button>
        </div>
      </Show>
    </section>
  );
}
