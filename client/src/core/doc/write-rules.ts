/**
 * Who may write where in a group document, checked on every change that arrives (the relay cannot:
 * it never sees a change). Automerge lets any member's change touch any object; Porch refuses a signed
 * update whose operations reach into another member's objects:
 *
 * - root keys: anyone (group-life items are new root records `type:id`; views re-check who wrote each),
 *   except the founder's `members`, `goals` and `name`, which are set once and never replaced;
 * - the shared `members` map: only your own entry;
 * - the shared `goals` map: a new goal, or one you own;
 * - any other object: only if its creating actor is bound to the same member (or not yet bound to anyone).
 *
 * So a member cannot rewrite someone else's goal, progress, check-in or payment in place, even with a
 * correctly signed envelope.
 */
import * as A from "@automerge/automerge";
import type { GroupDoc } from "./schema.ts";

const FOUNDED = ["members", "goals", "name"] as const;
type Founded = (typeof FOUNDED)[number];
const isFounded = (key: string | undefined): key is Founded => (FOUNDED as readonly string[]).includes(key ?? "");

/**
 * The rules for one batch of incoming envelopes, applied in relay order. The founder's containers may
 * be created within the batch itself (a new device catching up), so they are tracked as changes are read.
 */
export class WriteRules {
  /** Object id of each founder's container (or "set" for the name), once known. */
  private readonly founded = new Map<Founded, string>();
  private doc: Partial<GroupDoc> | undefined;

  constructor(doc: Partial<GroupDoc> | undefined) {
    this.learn(doc);
  }

  /**
   * Takes `doc` as the document later changes apply to: the batch's own starting point, or the
   * document once a snapshot was loaded into it (whose changes were not read through these rules).
   */
  learn(doc: Partial<GroupDoc> | undefined): void {
    this.doc = doc;
    for (const key of FOUNDED) {
      const value = doc?.[key];
      if (value === undefined) continue;
      this.founded.set(key, key === "name" ? "set" : (A.getObjectId(value as object) ?? "set"));
    }
  }

  /** True if every operation in `changes` is one `signer` may make (actor → member in `actors`). */
  allows(changes: readonly Uint8Array[], signer: string, actors: Readonly<Record<string, string>>): boolean {
    for (const change of changes) {
      let decoded: A.DecodedChange;
      try {
        decoded = A.decodeChange(change);
      } catch {
        return false;
      }
      for (const [i, op] of decoded.ops.entries()) {
        const key = "key" in op ? op.key : undefined;
        if (op.obj === "_root") {
          if (!isFounded(key)) continue;
          if (this.founded.has(key)) return false;
          this.founded.set(key, key === "name" ? "set" : `${decoded.startOp + i}@${decoded.actor}`);
          continue;
        }
        if (op.obj === this.founded.get("members")) {
          if (key !== signer) return false;
          continue;
        }
        if (op.obj === this.founded.get("goals")) {
          const owner = key === undefined ? undefined : this.doc?.goals?.[key]?.owner;
          if (owner !== undefined && owner !== signer) return false;
          continue;
        }
        const owner = actors[op.obj.slice(op.obj.indexOf("@") + 1)];
        if (owner !== undefined && owner !== signer) return false;
      }
    }
    return true;
  }
}

/**
 * The write rules as they apply to a snapshot written by one member alone, read from its loaded state
 * (snapshot-check.ts, `soleWriter`): with no other member's object in it, only the shared `members`
 * map could reach another member — a profile planted under their id.
 */
export function soleWriterAllows(doc: A.Doc<unknown>, writer: string): boolean {
  const members: unknown = (doc as Partial<GroupDoc>).members;
  if (members === undefined) return true;
  if (members === null || typeof members !== "object") return false;
  return Array.isArray(members)
    ? members.every((id) => id === writer)
    : Object.keys(members).every((id) => id === writer);
}
