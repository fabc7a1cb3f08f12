/**
 * Settings, reachable from the header on every screen: the member's name (on this device and in every
 * group), the language for good, their devices, and the recovery words again after a confirmation.
 */
import "../components/membership.css";
import { For, type JSX, Show } from "solid-js";
import { DisplayNameForm } from "../components/display-name-form.tsx";
import { RecoveryWordsReveal } from "../components/recovery-words-reveal.tsx";
import { formatDate } from "../i18n/format.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { LanguageChoice } from "../components/language-switch.tsx";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

export function Settings(): JSX.Element {
  const { api, state } = usePorch();
  const { t, lang } = useI18n();
  return (
    <div class="stack settings">
      <a class="back" href={hrefFor({ name: "home" })}>
        ← {t("backToGroups")}
      </a>
      <h1 tabindex="-1">{t("first.settingsTitle")}</h1>
      <Show when={state.profile()}>
        {(profile) => (
          <>
            <section class="card" aria-labelledby="settings-name-title">
              <h2 id="settings-name-title">{t("first.nameTitle")}</h2>
              <DisplayNameForm current={profile().displayName} />
            </section>

            <section class="card" aria-labelledby="settings-lang-title">
              <h2 id="settings-lang-title">{t("first.langTitle")}</h2>
              <LanguageChoice
                name="settings-lang"
                legend={t("first.langTitle")}
                legendHidden
                describedBy="settings-lang-hint"
              />
              <p class="hint" id="settings-lang-hint">
                {t("first.langHint")}
              </p>
            </section>

            <section class="card" aria-labelledby="settings-devices-title">
              <h2 id="settings-devices-title">{t("first.devicesTitle")}</h2>
              <ul class="plain-list stack">
                <li data-testid="settings-this-device">
                  {t("first.thisDevice", formatDate(profile().deviceAddedAt, lang()))}
                </li>
                <For each={(state.version(), api.membership.otherDevices())}>
                  {(device) => (
                    <li data-testid="settings-other-device">{t("first.otherDevice", formatDate(device.at, lang()))}</li>
                  )}
                </For>
              </ul>
              <a class="button" href={hrefFor({ name: "devices" })} data-testid="settings-add-device">
                {t("first.devicesAdd")}
              </a>
              <p class="note">{t("first.devicesRemoveNote")}</p>
            </section>

            <section class="card" aria-labelledby="settings-words-title">
              <h2 id="settings-words-title">{t("first.wordsTitle")}</h2>
              <RecoveryWordsReveal />
            </section>
          </>
        )}
      </Show>
    </div>
  );
}
