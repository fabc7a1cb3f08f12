/**
 * The call's deadlines, applied whenever a round is touched and by the service's timer, with the
 * relay's clock:
 *
 * - volunteering, at `volunteersBy`: reveals open (no volunteer: aborted, too-few-stewards);
 * - revealing or accepting, at `freezesAt`: aborted, too-few-stewards (the committee was never
 *   complete, and no report may arrive after `freezesAt` anyway);
 * - open, at `freezesAt`: the batch freezes;
 * - counts or values, at `partialsBy`: the part is finished with the partials that arrived. There is
 *   one deadline for both parts, so counts finished at `partialsBy` leave the values part to finish at
 *   once — stewards are expected to post both parts well before it.
 *
 * Several deadlines may have passed; each step is applied in turn.
 */
import type { LoadedRound, RoundService } from "./round-service.ts";
import { abort, closeVolunteering, finishPart, freeze } from "./round-steps.ts";

/** Applies every deadline that has passed and returns the round as it then stands. */
/** True when a deadline of the round's current phase has passed (a step is due before anyone reads it). */
export function deadlineDue(r: LoadedRound, now: number): boolean {
  const { phase } = r.stored;
  if (phase === "volunteering") return now >= r.call.volunteersBy;
  if (phase === "revealing" || phase === "accepting" || phase === "open") return now >= r.call.freezesAt;
  if (phase === "counts" || phase === "values") return now >= r.call.partialsBy;
  return false;
}

export async function applyDeadlines(service: RoundService, round: LoadedRound): Promise<LoadedRound> {
  let r = round;
  for (;;) {
    const now = service.now();
    const { phase } = r.stored;
    if (phase === "volunteering" && now >= r.call.volunteersBy) await closeVolunteering(service, r);
    else if ((phase === "revealing" || phase === "accepting") && now >= r.call.freezesAt)
      await abort(service, r, "too-few-stewards");
    else if (phase === "open" && now >= r.call.freezesAt) await freeze(service, r);
    else if ((phase === "counts" || phase === "values") && now >= r.call.partialsBy)
      await finishPart(service, r, phase);
    else return r;
    const reloaded = await service.load(r.stored.roundId);
    if (reloaded === null) return r;
    r = reloaded;
  }
}
