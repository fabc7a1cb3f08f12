/**
 * Make an invitation link (the choices fold behind "Invite a friend" and close once the link is asked
 * for), then copy it, share it or show it as a QR code.
 */
import { createSignal, For, type JSX, Show } from "solid-js";
import { renderSVG } from "uqr";
import { useI18n } from "../primitives/i18n-context.tsx";
import { INVITE_TTL_DEFAULT_MS, type InviteOptions } from "../core/api/membership-api.ts";
import { ErrorMessage } from "./error-message.tsx";
import { FoldedForm } from "./folded-form.tsx";
import "./membership.css";
import { LIFE_LIMITS } from "../core/api/validate.ts";

const HOUR = 60 * 60 * 1000;
const EXPIRIES = [
  { ms: HOUR, key: "membership.inviteExpiry1h" },
  { ms: 24 * HOUR, key: "membership.inviteExpiry24h" },
  { ms: 72 * HOUR, key: "membership.inviteExpiry72h" },
  { ms: 168 * HOUR, key: "membership.inviteExpiry7d" },
] as const;

export function InvitePanel(props: {
  readonly groupName: string;
  readonly link: string | null;
  readonly pending: boolean;
  readonly error: string | null;
  readonly onCreate: (options: InviteOptions) => void;
}): JSX.Element {
  const { t } = useI18n();
  const [copyNote, setCopyNote] = createSignal("");
  const [ttl, setTtl] = createSignal(INVITE_TTL_DEFAULT_MS);
  const [note, setNote] = createSignal("");
  const [open, setOpen] = createSignal(false);
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
    <section class="invite-panel" aria-label={t("inviteTitle")}>
      <FoldedForm
        id="invite-form"
        openLabel={t("groupScreen.inviteOpen")}
        title={t("inviteTitle")}
        open={open()}
        onOpenChange={setOpen}
        testId="invite-open"
      >
        {(done) => (
          <>
            <p>{t("membership.inviteWarningFor", Math.round(ttl() / HOUR))}</p>
            <label for="invite-expiry">{t("membership.inviteExpiryLabel")}</label>
            <select
              id="invite-expiry"
              data-testid="invite-expiry"
              onChange={(e) => setTtl(Number(e.currentTarget.value))}
            >
              <For each={EXPIRIES}>
                {(option) => (
                  <option value={option.ms} selected={option.ms === ttl()}>
                    {t(option.key)}
                  </option>
                )}
              </For>
            </select>
            <label for="invite-note">{t("membership.inviteNoteLabel")}</label>
            <p class="hint" id="invite-note-hint">
              {t("membership.inviteNoteHint")}
            </p>
            <input
              id="invite-note"
              data-testid="invite-note"
              type="text"
              maxLength={LIFE_LIMITS.inviteNote}
              aria-describedby="invite-note-hint"
              value={note()}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            <button
              type="button"
              class="primary"
              data-testid="invite-button"
              disabled={props.pending}
              onClick={() => {
                setCopyNote("");
                props.onCreate({ ttlMs: ttl(), ...(note().trim() ? { note: note().trim() } : {}) });
                setNote("");
                // The link appearing below is the answer; no "Saved." line.
                done(false);
              }}
            >
              {t("groupScreen.inviteMakeLink")}
            </button>
          </>
        )}
      </FoldedForm>
      <ErrorMessage message={props.error} />
      <Show when={props.link}>
        {(link) => (
          <div class="invite-result card">
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
