/** Shown on a group this member is out of: why nothing new arrives, and that removal cannot undo what was seen. */
import type { JSX } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";
import "./membership.css";

export function RemovedNotice(props: { readonly how: "removed" | "left" }): JSX.Element {
  const { t } = useI18n();
  return (
    <section class="important removed-notice" role="status" data-testid="removed-notice">
      <h2>{props.how === "left" ? t("membership.leftTitle") : t("membership.removedTitle")}</h2>
      <p>{t("membership.removedBody")}</p>
    </section>
  );
}
