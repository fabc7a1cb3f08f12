/** Shows the one-time link (and QR code) a member opens on their other device. */
import { type JSX, Show } from "solid-js";
import { renderSVG } from "uqr";
import { useI18n } from "../primitives/i18n-context.tsx";
import type { DeviceLinkOffer } from "../core/api/membership-api.ts";
import { ErrorMessage } from "./error-message.tsx";
import "./membership.css";

export function DeviceLinkPanel(props: {
  readonly offer: DeviceLinkOffer | null;
  readonly pending: boolean;
  readonly error: string | null;
  readonly onCreate: () => void;
}): JSX.Element {
  const { t, lang } = useI18n();
  const until = (ms: number) =>
    new Intl.DateTimeFormat(lang() === "es" ? "es-US" : "en-US", { timeStyle: "short" }).format(ms);
  return (
    <section class="card" aria-labelledby="device-link-title">
      <h2 id="device-link-title">{t("membership.devicesLink")}</h2>
      <p>{t("membership.devicesIntro")}</p>
      <p class="important">{t("membership.devicesWarning")}</p>
      <button
        type="button"
        class="primary"
        data-testid="device-link-button"
        disabled={props.pending}
        onClick={() => props.onCreate()}
      >
        {t("membership.devicesMakeLink")}
      </button>
      <ErrorMessage message={props.error} />
      <Show when={props.offer}>
        {(offer) => (
          <div class="invite-result">
            <label for="device-link">{t("membership.devicesLinkLabel")}</label>
            <input
              id="device-link"
              data-testid="device-link"
              type="text"
              readonly
              value={offer().link}
              onFocus={(e) => e.currentTarget.select()}
            />
            <p class="note">{t("membership.devicesLinkExpires", until(offer().expiresAt))}</p>
            {/* uqr draws only rectangles from the link; it never echoes the text into the markup. */}
            <div
              class="qr"
              role="img"
              aria-label={t("membership.devicesQrLabel")}
              innerHTML={renderSVG(offer().link, { border: 2 })}
            />
          </div>
        )}
      </Show>
    </section>
  );
}
