/**
 * The dashboard's hash routes: `#/` (cohorts), `#/cohort/<id>` (one cohort: enrolment, families,
 * rounds) and `#/cohort/<id>/round/<roundId>` (a round's release). Anything unknown is the cohort list.
 */
import { type Accessor, createSignal, onCleanup } from "solid-js";

export type OrgRoute =
  | { readonly name: "cohorts" }
  | { readonly name: "cohort"; readonly cohortId: string }
  | { readonly name: "release"; readonly cohortId: string; readonly roundId: string };

const ID = "[A-Za-z0-9_-]{1,64}";
const COHORT = new RegExp(`^#/cohort/(${ID})$`);
const RELEASE = new RegExp(`^#/cohort/(${ID})/round/(${ID})$`);

export function parseOrgRoute(hash: string): OrgRoute {
  const release = RELEASE.exec(hash);
  if (release) return { name: "release", cohortId: release[1]!, roundId: release[2]! };
  const cohort = COHORT.exec(hash);
  return cohort ? { name: "cohort", cohortId: cohort[1]! } : { name: "cohorts" };
}

export function orgHref(route: OrgRoute): string {
  switch (route.name) {
    case "cohorts":
      return "#/";
    case "cohort":
      return `#/cohort/${route.cohortId}`;
    case "release":
      return `#/cohort/${route.cohortId}/round/${route.roundId}`;
  }
}

/** The current route, following `hashchange` until the owner is cleaned up. */
export function createOrgRoute(): Accessor<OrgRoute> {
  const [hash, setHash] = createSignal(location.hash);
  const onChange = () => setHash(location.hash);
  addEventListener("hashchange", onChange);
  onCleanup(() => removeEventListener("hashchange", onChange));
  return () => parseOrgRoute(hash());
}
