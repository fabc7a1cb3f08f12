/**
 * Opened from an invitation link (`#/join/<payload>`). Joins at once; on success the link is
 * replaced in history by the group's address, so the spent secret does not linger in Back.
 */
import { type JSX, onMount, Show } from "solid-js";
import type { ErrorCode } from "@porch/shared";
import { ErrorMessage } from "../components/error-message.tsx";
import { createAction } from "../primitives/create-action.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

/** Failures that may pass if the member simply tries again later. */
const RETRYABLE: ReadonlySet<ErrorCode | "unexpected"> = new Set([
  "offline",
  "timeout",
  "rate-limited",
  "internal",
  "not-authenticated",
  "unexpected",
]);

export function Join(props: { readonly fragment: string }): JSX.Element {
  const { api } = usePorch();
  const { t, errorText } = useI18n();
  const join = createAction(() => api.joinWithInvite(props.fragment));

  const attempt = async () => {
    const result = await join.run();
    if (result?.ok) location.replace(hrefFor({ name: "group", groupId: result.value }));
  };
  onMount(() => void attempt());

  return (
    <div class="stack">
      <h1 tabindex="-1">{t("joinTitle")}</h1>
      <p class="join-status" data-testid="join-status" role="status">
        {join.error() ? t("joinFailedTitle") : t("joining")}
      </p>
      <Show when={join.error()}>
        {(code) => (
          <>
            <ErrorMessage message={errorText(code())} />
            <div class="actions">
              <Show when={RETRYABLE.has(code())}>
                <button type="button" class="primary" disabled={join.pending()} onClick={() => void attempt()}>
                  {t("tryAgain")}
                </button>
              </Show>
              <a class="button" href={hrefFor({ name: "home" })}>
                {t("backToGroups")}
              </a>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
