/**
 * Entry point. The core (Automerge, libsodium, storage) loads as a separate chunk, so the page can
 * show "Opening Porch…" at once on a slow phone while it arrives.
 */
import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { DICTIONARIES, guessLang } from "./i18n/translator.ts";
import "./styles.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");

import("./porch-instance.ts")
  .then((m) => m.createPorch())
  .then(
    (porch) => {
      root.textContent = "";
      render(() => <App porch={porch} />, root);
    },
    (error: unknown) => {
      console.error("Porch: could not start", error);
      const lang = guessLang(navigator.languages ?? [navigator.language]);
      const message = document.createElement("p");
      message.className = "error";
      message.setAttribute("role", "alert");
      message.setAttribute("data-testid", "error");
      message.textContent = DICTIONARIES[lang].startFailed;
      document.documentElement.lang = lang;
      root.replaceChildren(message);
    },
  );
