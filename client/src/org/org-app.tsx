/**
 * The organization's dashboard: signed out (create the key, or sign in with the 24 words), the new
 * key's words once, then the dashboard itself, connected to the relay as the organization.
 */
import { createSignal, type JSX, Match, Switch } from "solid-js";
import { DeviceId } from "@porch/shared";
import { createFocusOnChange } from "../primitives/create-focus-on-change.ts";
import { Dashboard } from "./dashboard.tsx";
import { OrgHeader } from "./org-header.tsx";
import { OrgI18nProvider, useOrgI18n } from "./org-i18n.tsx";
import { forgetOrg, saveLang, saveOrg } from "./org-store.ts";
import type { Lang } from "./org-text.ts";
import { NewWords, SignIn } from "./sign-in.tsx";

type Auth =
  | { readonly kind: "out" }
  | { readonly kind: "new-words"; readonly seed: Uint8Array }
  | { readonly kind: "in"; readonly seed: Uint8Array; readonly deviceId: string };

export function OrgApp(props: {
  readonly stored: { readonly seed: Uint8Array; readonly deviceId: string } | null;
  readonly lang: Lang;
}): JSX.Element {
  const [lang, setLangSignal] = createSignal<Lang>(props.lang);
  const setLang = (next: Lang) => {
    setLangSignal(next);
    saveLang(next).catch((e: unknown) => console.warn("Porch: could not store the language choice", e));
  };
  return (
    <OrgI18nProvider lang={lang()} setLang={setLang}>
      <Screens stored={props.stored} />
    </OrgI18nProvider>
  );
}

function Screens(props: { readonly stored: { readonly seed: Uint8Array; readonly deviceId: string } | null }) {
  const { d } = useOrgI18n();
  const first = props.stored;
  const [auth, setAuth] = createSignal<Auth>(first === null ? { kind: "out" } : { kind: "in", ...first });
  const [storageFailed, setStorageFailed] = createSignal(false);
  createFocusOnChange(() => auth().kind);

  const signIn = async (seed: Uint8Array) => {
    const deviceId = DeviceId.random();
    try {
      await saveOrg(seed, deviceId, Date.now());
      setStorageFailed(false);
    } catch (e: unknown) {
      // Still usable in this tab; the words are needed again next time, and the screen says so.
      console.warn("Porch: could not store the organization's key", e);
      setStorageFailed(true);
    }
    location.hash = "#/";
    setAuth({ kind: "in", seed, deviceId });
  };

  const signOut = async () => {
    try {
      await forgetOrg();
    } catch (e: unknown) {
      console.warn("Porch: could not delete the organization's database", e);
    }
    location.hash = "#/";
    setAuth({ kind: "out" });
  };

  return (
    <Switch>
      <Match when={auth().kind === "in" && (auth() as Extract<Auth, { kind: "in" }>)}>
        {(signedIn) => (
          <Dashboard
            seed={signedIn().seed}
            deviceId={signedIn().deviceId}
            notice={storageFailed() ? d().errors["storage-failed"] : null}
            onSignOut={signOut}
          />
        )}
      </Match>
      <Match when={auth().kind === "new-words" && (auth() as Extract<Auth, { kind: "new-words" }>)}>
        {(fresh) => (
          <>
            <OrgHeader homeHref={null} connection={null} refused={null} onSignOut={null} />
            <main class="org-main">
              <NewWords seed={fresh().seed} onContinue={() => void signIn(fresh().seed)} />
            </main>
          </>
        )}
      </Match>
      <Match when={auth().kind === "out"}>
        <OrgHeader homeHref={null} connection={null} refused={null} onSignOut={null} />
        <main class="org-main">
          <SignIn onNewSeed={(seed) => setAuth({ kind: "new-words", seed })} onSeed={(seed) => void signIn(seed)} />
        </main>
      </Match>
    </Switch>
  );
}
