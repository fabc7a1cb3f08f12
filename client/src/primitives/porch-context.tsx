/** Hands the one PorchApi (and its signals) to every screen without threading props. */
import { createContext, type JSX, useContext } from "solid-js";
import type { PorchApi } from "../core/api/porch-api.ts";
import { createPorchState, type PorchState } from "./create-porch-state.ts";

export interface PorchContextValue {
  readonly api: PorchApi;
  readonly state: PorchState;
}

const PorchContext = createContext<PorchContextValue>();

/** Provides `api` to its children; subscribes once for the whole app. */
export function PorchProvider(props: { readonly api: PorchApi; readonly children: JSX.Element }): JSX.Element {
  // The api is chosen once at start-up (main.tsx) and never swapped.
  const api = props.api;
  const value: PorchContextValue = { api, state: createPorchState(api) };
  return <PorchContext.Provider value={value}>{props.children}</PorchContext.Provider>;
}

/** The PorchApi and its signals. Throws if called outside `<PorchProvider>`. */
export function usePorch(): PorchContextValue {
  const value = useContext(PorchContext);
  if (value === undefined) {
    throw new Error(
      "usePorch() was called outside <PorchProvider>. Wrap the app in <PorchProvider api={…}> (see app.tsx).",
    );
  }
  return value;
}
