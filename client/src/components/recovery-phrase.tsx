/** The 24 recovery words in a numbered grid, read down the first column, then the second. */
import { For, type JSX } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";

export function RecoveryPhrase(props: { readonly words: readonly string[] }): JSX.Element {
  const { t } = useI18n();
  return (
    // translate="no": a browser's page translation must never change the words.
    <ol class="recovery-phrase" data-testid="recovery-phrase" aria-label={t("recoveryListLabel")} translate="no">
      <For each={props.words}>
        {(word, index) => (
          <li>
            <span class="recovery-number" aria-hidden="true">
              {index() + 1}
            </span>
            <span class="recovery-word" data-testid="recovery-word">
              {word}
            </span>
          </li>
        )}
      </For>
    </ol>
  );
}
