/**
 * The organization's dashboard (`/org`), a page of its own: no Web Worker and no service worker (it is
 * used at a desk, online), its own IndexedDB database (`porch-org`), nothing shared with the member app.
 * libsodium is readied before anything derives the organization's keys.
 */
import { readySodium } from "@porch/shared";
import { render } from "solid-js/web";
import { OrgApp } from "./org-app.tsx";
import { loadLang, loadOrg } from "./org-store.ts";
import { ORG_TEXT } from "./org-text.ts";
import "../styles.css";
import "./org.css";

const root = document.getElementById("root");
if (root === null) throw new Error("org.html has no #root element");
// Before a language is chosen: the browser's, if it is Spanish.
const guessed = (navigator.languages?.[0] ?? navigator.language ?? "en").toLowerCase().startsWith("es") ? "es" : "en";

async function start(): Promise<void> {
  const [, stored, lang] = await Promise.all([
    readySodium(),
    loadOrg().catch((e: unknown) => {
      console.warn("Porch: could not read the organization's key", e);
      return null;
    }),
    loadLang().catch(() => null),
  ]);
  root!.textContent = "";
  render(() => <OrgApp stored={stored} lang={lang ?? guessed} />, root!);
}

start().catch((error: unknown) => {
  console.error("Porch: the dashboard could not start", error);
  const message = document.createElement("p");
  message.className = "error";
  message.setAttribute("role", "alert");
  message.textContent = ORG_TEXT[guessed].startFailed;
  document.documentElement.lang = guessed;
  root!.replaceChildren(message);
});
