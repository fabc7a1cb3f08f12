/**
 * Opened on a new device from a second-device link (`#/link/<secret>`): receives the member's identity
 * from their other device, then replaces the spent link in history with the home screen.
 */
import { type JSX, onMount, Show } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { createAction } from "../primitives/create-action.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

export function LinkDevice(props: { readonly fragment: string; readonly onDone: () => void }): JSX.Element {
  const { api } = usePorch();
  const { t, lang, errorText } = useI18n();
  const link = createAction(() => api.membership.linkThisDevice(props.fragment, lang()));
  onMount(async () => {
    const result = await link.run();
    if (result?.ok) {
      location.replace(hrefFor({ name: "home" }));
      props.onDone();
    }
  });
  return (
    <div class="stack">
      <h1 tabindex="-1">{t("membership.linkTitle")}</h1>
      <p role="status" data-testid="link-status">
        {link.error() ? t("membership.linkFailed") : t("membership.linking")}
      </p>
      <Show when={link.error()}>
        {(code) => (
          <>
            <ErrorMessage message={errorText(code())} />
            <a class="button" href={hrefFor({ name: "home" })}>
              {t("backToGroups")}
            </a>
          </>
        )}
      </Show>
    </div>
  );
}
