/** A box for the 24 recovery words: no autocorrect, no spellcheck, no autofill, never translated. */
import type { JSX } from "solid-js";
import "./membership.css";

export function PhraseInput(props: {
  readonly id: string;
  readonly describedBy: string;
  readonly invalid: boolean;
  readonly onInput: (value: string) => void;
}): JSX.Element {
  return (
    <textarea
      id={props.id}
      class="phrase-input"
      data-testid="recover-phrase"
      autocomplete="off"
      autocapitalize="none"
      spellcheck={false}
      translate="no"
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  );
}
