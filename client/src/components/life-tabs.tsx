/**
 * The group screen's tabs (WAI-ARIA tabs pattern): one tab stop, arrow keys / Home / End move and
 * select, the panel is labelled by its tab. Only the selected panel is mounted: a cheap phone should
 * not render four areas to show one.
 */
import { For, type JSX } from "solid-js";
import "./life.css";

export interface LifeTab<K extends string> {
  readonly key: K;
  readonly label: string;
}

export function LifeTabs<K extends string>(props: {
  /** Makes element ids unique on the page. */
  readonly idPrefix: string;
  readonly label: string;
  readonly tabs: readonly LifeTab<K>[];
  readonly selected: K;
  readonly onSelect: (key: K) => void;
  readonly children: JSX.Element;
}): JSX.Element {
  const tabId = (key: K) => `${props.idPrefix}-tab-${key}`;
  const panelId = () => `${props.idPrefix}-panel`;
  let list: HTMLDivElement | undefined;

  const move = (from: number, event: KeyboardEvent) => {
    const last = props.tabs.length - 1;
    const to =
      event.key === "ArrowRight"
        ? from === last
          ? 0
          : from + 1
        : event.key === "ArrowLeft"
          ? from === 0
            ? last
            : from - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    const next = to === null ? undefined : props.tabs[to];
    if (next === undefined) return;
    event.preventDefault();
    props.onSelect(next.key);
    queueMicrotask(() => list?.querySelector<HTMLElement>(`#${CSS.escape(tabId(next.key))}`)?.focus());
  };

  return (
    <div class="life-tabs">
      <div class="tab-list" role="tablist" aria-label={props.label} ref={list}>
        <For each={props.tabs}>
          {(tab, index) => (
            <button
              type="button"
              role="tab"
              id={tabId(tab.key)}
              class="tab"
              data-testid={`tab-${tab.key}`}
              aria-selected={props.selected === tab.key}
              aria-controls={props.selected === tab.key ? panelId() : undefined}
              tabindex={props.selected === tab.key ? 0 : -1}
              onClick={() => props.onSelect(tab.key)}
              onKeyDown={(e) => move(index(), e)}
            >
              {tab.label}
            </button>
          )}
        </For>
      </div>
      <div
        class="tab-panel"
        role="tabpanel"
        id={panelId()}
        data-testid={`panel-${props.selected}`}
        aria-labelledby={tabId(props.selected)}
        tabindex="0"
      >
        {props.children}
      </div>
    </div>
  );
}
