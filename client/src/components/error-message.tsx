/** A failure sentence, announced to screen readers as soon as it appears. */
import { type JSX, Show } from "solid-js";

export function ErrorMessage(props: {
  readonly message: string | null | undefined;
  readonly id?: string;
}): JSX.Element {
  return (
    <Show when={props.message}>
      {(message) => (
        <p class="error" role="alert" data-testid="error" id={props.id}>
          {message()}
        </p>
      )}
    </Show>
  );
}
