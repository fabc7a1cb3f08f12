/** Make an invitation link, then copy it, share it or show it as a QR code. */
import { createSignal, type JSX, Show } from "solid-js";
import { renderSVG } from "uqr";
import { useI18n } from "../primitives/i18n-context.tsx";
import { ErrorMessage } from "./error-message.tsx";

export function InvitePanel(props: {
  readonly groupName: string;
  readonly link: string | null;
  readonly pending: boolean;
  readonly error: string | null;
  readonly onCreate: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [copyNote, setCopyNote] = createSignal("");
  let linkInput: HTMLInputElement | undefined;

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopyNote(t("inviteCopied"));
    } catch {
      // Clipboard access is refused on some browsers and in insecure contexts: let the member copy by hand.
      linkInput?.select();
      setCopyNote(t("inviteCopyFailed"));
    }
  };
  const share = (link: string) => {
    navigator.share({ title: t("appName"), text: t("inviteShareText", props.groupName), url: link }).catch(() => {
      // Closing the share sheet rejects too; there is nothing to report.
    });
  };

  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("inviteTitle")}</h2>
      <p>{t("inviteWarning")}</p>
      <button
        type="button"
        class="primary"
        data-testid="invite-button"
        disabled={props.pending}
        onClick={() => {
          setCopyNote("");
          props.onCreate();
        }}
      >
        {t("inviteButton")}
      </button>
      <ErrorMessage message={props.error} />
      <Show when={props.link}>
        {(link) => (
          <div class="invite-result">
            <label for="invite-link">{t("inviteLinkLabel")}</label>
            <input
              id="invite-link"
              ref={linkInput}
              data-testid="invite-link"
              type="text"
              readonly
              value={link()}
              onFocus={(e) => e.currentTarget.select()}
            />
            <div class="actions">
              <button type="button" onClick={() => void copy(link())}>
                {t("inviteCopy")}
              </button>
              <Show when={typeof navigator.share === "function"}>
                <button type="button" onClick={() => share(link())}>
                  {t("inviteShare")}
                </button>
              </Show>
            </div>
            <p class="note" role="status">
              {copyNote()}
            </p>
            {/* uqr draws only rectangles from the link; it never echoes the text into the markup. */}
            <div class="qr" role="img" aria-label={t("inviteQrLabel")} innerHTML={renderSVG(link(), { border: 2 })} />
          </div>
        )}
      </Show>
    </section>
  );
}
