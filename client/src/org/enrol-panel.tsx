/** A cohort's enrolment link, with a copy button and its QR code. */
import { createSignal, type JSX } from "solid-js";
import { renderSVG } from "uqr";
import { useOrgI18n } from "./org-i18n.tsx";

export function EnrolPanel(props: { readonly link: string }): JSX.Element {
  const { d } = useOrgI18n();
  const [copied, setCopied] = createSignal<"copied" | "failed" | null>(null);
  let input: HTMLInputElement | undefined;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.link);
      setCopied("copied");
    } catch {
      // No clipboard permission (or an insecure origin): select the link so it can be copied by hand.
      input?.select();
      setCopied("failed");
    }
  };

  return (
    <section class="card" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{d().enrolTitle}</h2>
      <p>{d().enrolExplain}</p>
      <div class="invite-result">
        <label for="enrol-link">{d().enrolLinkLabel}</label>
        <input
          ref={input}
          id="enrol-link"
          data-testid="enrol-link"
          type="text"
          readonly
          value={props.link}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="small" data-testid="enrol-copy" onClick={() => void copy()}>
          {d().copyLink}
        </button>
        <p class="note" role="status">
          {copied() === "copied" ? d().copied : copied() === "failed" ? d().copyFailed : ""}
        </p>
        {/* uqr draws only rectangles from the link; it never echoes the text into the markup. */}
        <div class="qr" role="img" aria-label={d().qrLabel} innerHTML={renderSVG(props.link, { border: 2 })} />
      </div>
    </section>
  );
}
