/**
 * The first screen of an invitation link on a phone without Porch: checks the invitation with the
 * relay and opens its card before anything else, so the person sees which group, who invited them and
 * the inviter's note — or, for a dead link, why it cannot be used and what to do — before onboarding
 * and the 24 recovery words.
 */
import { createResource, type JSX, Match, Show, Switch } from "solid-js";
import type { ErrorCode, Result } from "@porch/shared";
import type { InvitePreview } from "../core/api/porch-api.ts";
import type { DeadInvite } from "../i18n/first-dictionary.ts";
import { formatDate } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

const DEAD: ReadonlySet<ErrorCode> = new Set<DeadInvite>([
  "invite-used",
  "invite-revoked",
  "invite-expired",
  "invite-not-found",
]);

export function InviteLanding(props: {
  readonly fragment: string;
  /** `joining`: false when the member sets up Porch without this (dead) invitation. */
  readonly onContinue: (joining: boolean) => void;
}): JSX.Element {
  const { api } = usePorch();
  const { t, lang } = useI18n();
  const [preview, { refetch }] = createResource(
    () => props.fragment,
    (fragment): Promise<Result<InvitePreview>> =>
      api.previewInvite(fragment).catch(() => ({ ok: false, code: "offline" }) as const),
  );
  const found = () => {
    const p = preview();
    return p?.ok ? p.value : null;
  };
  const dead = () => {
    const p = preview();
    return p !== undefined && !p.ok && DEAD.has(p.code) ? (p.code as DeadInvite) : null;
  };
  const unchecked = () => {
    const p = preview();
    return p !== undefined && !p.ok && !DEAD.has(p.code);
  };
  const invitedLine = (p: InvitePreview) =>
    p.groupName === null
      ? t("first.landingInvited")
      : p.inviterName === null
        ? t("first.landingInvitedTo", p.groupName)
        : t("first.landingInvitedBy", p.inviterName, p.groupName);

  return (
    <div class="stack invite-landing" data-testid="invite-landing">
      <h1 tabindex="-1">{dead() ? t("first.landingDeadTitle") : t("first.landingTitle")}</h1>
      <Switch>
        <Match when={preview.loading}>
          <p role="status" data-testid="landing-checking">
            {t("first.landingChecking")}
          </p>
        </Match>
        <Match when={found()}>
          {(p) => (
            <>
              <p class="landing-invited" data-testid="landing-invited">
                {invitedLine(p())}
              </p>
              <Show when={p().note}>
                {(note) => (
                  <figure class="card landing-note">
                    <figcaption>
                      {p().inviterName === null ? t("first.landingNote") : t("first.landingNoteFrom", p().inviterName!)}
                    </figcaption>
                    <blockquote data-testid="landing-note">{note()}</blockquote>
                  </figure>
                )}
              </Show>
              <p class="note" data-testid="landing-expires">
                {t("first.landingExpires", formatDate(p().expiresAt, lang()))}
              </p>
              <p>{t("first.landingNext")}</p>
              <button
                type="button"
                class="primary"
                data-testid="landing-continue"
                onClick={() => props.onContinue(true)}
              >
                {t("first.landingContinue")}
              </button>
            </>
          )}
        </Match>
        <Match when={dead()}>
          {(code) => (
            <div class="stack" role="alert" data-testid="landing-dead" data-reason={code()}>
              <p>{t(`first.landingDead.${code()}`)}</p>
              <p class="important">{t("first.landingAskNew")}</p>
            </div>
          )}
        </Match>
        <Match when={unchecked()}>
          <div class="stack" role="alert" data-testid="landing-unchecked">
            <h2>{t("first.landingUncheckedTitle")}</h2>
            <p>{t("first.landingUnchecked")}</p>
            <div class="actions">
              <button type="button" class="primary" data-testid="landing-retry" onClick={() => void refetch()}>
                {t("tryAgain")}
              </button>
              <button type="button" data-testid="landing-anyway" onClick={() => props.onContinue(true)}>
                {t("first.landingSetUpAnyway")}
              </button>
            </div>
          </div>
        </Match>
      </Switch>
      <Show when={dead()}>
        <button type="button" data-testid="landing-without" onClick={() => props.onContinue(false)}>
          {t("first.landingSetUpWithout")}
        </button>
      </Show>
    </div>
  );
}
