/**
 * Hash routing: `#/`, `#/group/<id>`, `#/group/<id>/members` (who is in it, inviting, leaving), `#/join/<payload>`,
 * `#/link/<secret>`, `#/recover`, `#/devices`, `#/settings`,
 * `#/enrol/<token>` (an organization's program link), and the member's own journal: `#/journal`,
 * `#/progress`, `#/sharing`.
 * Invitation and device-link secrets live in the fragment, which browsers never send to a server.
 */
import { GroupId } from "@porch/shared";
import { type Accessor, createSignal, onCleanup } from "solid-js";

export type Route =
  | { readonly name: "home" }
  | { readonly name: "group"; readonly groupId: GroupId }
  | { readonly name: "group-members"; readonly groupId: GroupId }
  | { readonly name: "join"; readonly fragment: string }
  | { readonly name: "link"; readonly fragment: string }
  | { readonly name: "recover" }
  | { readonly name: "devices" }
  | { readonly name: "settings" }
  | { readonly name: "enrol"; readonly token: string }
  | { readonly name: JournalScreen };

/** The screens of the member's own journal. */
export type JournalScreen = "journal" | "progress" | "sharing";
const JOURNAL_SCREENS: readonly string[] = ["journal", "progress", "sharing"] satisfies JournalScreen[];

/** Parses `location.hash`. Anything unknown is home. */
export function parseRoute(hash: string): Route {
  if (hash.startsWith("#/join/")) return { name: "join", fragment: hash };
  if (hash.startsWith("#/link/")) return { name: "link", fragment: hash };
  if (hash.startsWith("#/enrol/")) return { name: "enrol", token: hash.slice("#/enrol/".length) };
  if (hash === "#/recover") return { name: "recover" };
  if (hash === "#/devices") return { name: "devices" };
  if (hash === "#/settings") return { name: "settings" };
  const screen = hash.slice(2);
  if (hash.startsWith("#/") && JOURNAL_SCREENS.includes(screen)) return { name: screen as JournalScreen };
  const group = /^#\/group\/([^/?#]+)(\/members)?$/.exec(hash);
  const groupId = group ? GroupId.parse(group[1]) : null;
  if (groupId === null) return { name: "home" };
  return group?.[2] === undefined ? { name: "group", groupId } : { name: "group-members", groupId };
}

/** The link to a route, for `href`. */
export function hrefFor(
  route:
    | { name: "home" }
    | { name: "recover" }
    | { name: "devices" }
    | { name: "settings" }
    | { name: JournalScreen }
    | { name: "group"; groupId: GroupId }
    | { name: "group-members"; groupId: GroupId },
): string {
  if (route.name === "group") return `#/group/${route.groupId}`;
  if (route.name === "group-members") return `#/group/${route.groupId}/members`;
  return route.name === "home" ? "#/" : `#/${route.name}`;
}

/** The current route, updated on `hashchange` until the owner is cleaned up. */
export function createHashRoute(): Accessor<Route> {
  const [hash, setHash] = createSignal(location.hash);
  const onChange = () => setHash(location.hash);
  window.addEventListener("hashchange", onChange);
  onCleanup(() => window.removeEventListener("hashchange", onChange));
  return () => parseRoute(hash());
}
