/**
 * A form folded behind one button (the disclosure pattern): the tab stays short until the member asks
 * for the form. Opening moves focus to the form's first field; closing — after saving or on Cancel —
 * brings focus back to the button, and a saved form says so in a polite status line.
 */
import { createEffect, createSignal, type JSX, on, Show } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";
import "./group-screen.css";

export function FoldedForm(props: {
  /** Element id of the form's region (the button's `aria-controls`). */
  readonly id: string;
  readonly openLabel: string;
  readonly title: string;
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly testId: string;
  /** The form; call `done(true)` once saved, `done(false)` to close without saving. */
  readonly children: (done: (saved: boolean) => void) => JSX.Element;
}): JSX.Element {
  const { t } = useI18n();
  const [saved, setSaved] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  let region: HTMLElement | undefined;

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setSaved(false);
        // A form may name the field to start in (`data-first`), else its first field.
        queueMicrotask(() =>
          (
            region?.querySelector<HTMLElement>("[data-first]") ??
            region?.querySelector<HTMLElement>("input, select, textarea")
          )?.focus(),
        );
      },
    ),
  );
  const done = (wasSaved: boolean) => {
    setSaved(wasSaved);
    props.onOpenChange(false);
    queueMicrotask(() => button?.focus());
  };

  return (
    <div class="folded-form">
      <button
        type="button"
        ref={button}
        class={props.open ? "" : "primary"}
        aria-expanded={props.open}
        aria-controls={props.open ? props.id : undefined}
        data-testid={props.testId}
        onClick={() => props.onOpenChange(!props.open)}
      >
        {props.openLabel}
      </button>
      <p class="meta" role="status">
        {saved() && !props.open ? t("groupScreen.saved") : ""}
      </p>
      <Show when={props.open}>
        <section class="card" id={props.id} aria-label={props.title} ref={region}>
          <h2>{props.title}</h2>
          {props.children(done)}
          <button type="button" class="small" data-testid={`${props.testId}-cancel`} onClick={() => done(false)}>
            {t("cancel")}
          </button>
        </section>
      </Show>
    </div>
  );
}
