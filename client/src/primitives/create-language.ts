/**
 * The interface language. Before onboarding it follows the browser; afterwards the profile's choice
 * wins. Switching applies at once and is stored through `PorchApi.setLanguage` when a profile exists.
 */
import { type Accessor, createEffect, createSignal, on } from "solid-js";
import type { Lang, PorchApi, Profile } from "../core/api/porch-api.ts";
import { guessLang } from "../i18n/translator.ts";

export function createLanguage(
  api: PorchApi,
  profile: Accessor<Profile | null>,
): [Accessor<Lang>, (lang: Lang) => void] {
  const [lang, setLocal] = createSignal<Lang>(
    profile()?.lang ?? guessLang(navigator.languages ?? [navigator.language]),
  );
  createEffect(
    on(
      () => profile()?.lang,
      (stored) => stored !== undefined && setLocal(stored),
      { defer: true },
    ),
  );

  const setLang = (next: Lang) => {
    setLocal(next);
    if (api.profile() === null) return; // onboarding passes the choice to createProfile
    api.setLanguage(next).catch((error: unknown) => {
      // The screen already switched; only remembering it failed. Nothing a member can act on.
      console.warn("Porch: could not store the language choice", error);
    });
  };
  return [lang, setLang];
}
