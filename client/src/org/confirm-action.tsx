/**
 * A button whose action asks first, inline: the question takes focus (so a screen reader reads it),
 * "Cancel" puts focus back on the button. No window.confirm: it cannot be translated or styled.
 */
import { createSignal, type JSX, Show } from "solid-js";
import { useOrgI18n } from "./org-i18n.tsx";

export function ConfirmAction(props: {
  readonly label: string;
  readonly question: string;
  readonly yes: string;
  readonly testId: string;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  readonly onConfirm: () => void | Promise<void>;
}): JSX.Element {
  const { d } = useOrgI18n();
  const [asking, setAsking] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  let question: HTMLParagraphElement | undefined;

  const ask = () => {
    setAsking(true);
    queueMicrotask(() => question?.focus());
  };
  const cancel = () => {
    setAsking(false);
    queueMicrotask(() => button?.focus());
  };
  const confirm = async () => {
    setPending(true);
    try {
      await props.onConfirm();
    } finally {
      setPending(false);
      setAsking(false);
    }
  };

  return (
    <Show
      when={asking()}
      fallback={
        <button
          ref={button}
          type="button"
          class="small"
          classList={{ danger: props.danger === true }}
          data-testid={props.testId}
          disabled={props.disabled === true}
          onClick={ask}
        >
          {props.label}
        </button>
      }
    >
      <div class="confirm-box" role="group" aria-labelledby={`${props.testId}-question`}>
        <p id={`${props.testId}-question`} ref={question} tabindex="-1">
          {props.question}
        </p>
        <div class="actions">
          <button
            type="button"
            class="primary"
            classList={{ danger: props.danger === true }}
            data-testid={`${props.testId}-yes`}
            disabled={pending()}
            onClick={() => void confirm()}
          >
            {props.yes}
          </button>
          <button type="button" data-testid={`${props.testId}-cancel`} disabled={pending()} onClick={cancel}>
            {d().cancel}
          </button>
        </div>
      </div>
    </Show>
  );
}
