/**
 * The cohort agent's storage on a device: enrolments and per-round records (a volunteer's lottery
 * nonce, a steward's round-key seed, the relay's receipt) in the local database's `meta` store, each
 * sealed under the device's non-extractable wrapping key — a steward's round key opens every member's
 * share it holds, so it is never stored in the clear. Round records are deleted with the device.
 */
import { decodeCbor, encodeCbor } from "@porch/shared";
import { unwrapSecret, wrapSecret, type LocalDb } from "../../store/local-db.ts";
import type { CohortEnrolment, CohortStorage, RoundRecord } from "./cohort-agent.ts";

const ENROLMENTS = "cohort-enrolments";
const roundKey = (roundId: string) => `cohort-round:${roundId}`;

/** The agent's storage in `db`, sealed with `key`. */
export function deviceCohortStorage(db: LocalDb, key: CryptoKey): CohortStorage {
  async function read(name: string): Promise<unknown> {
    const record = await db.get("meta", name);
    if (record === undefined || !("sealed" in record)) return undefined;
    return decodeCbor(await unwrapSecret(key, record.sealed));
  }
  async function write(name: string, value: unknown): Promise<void> {
    const sealed = await wrapSecret(key, encodeCbor(value));
    await db.put("meta", { sealed }, name);
  }
  return {
    async enrolments() {
      const list = await read(ENROLMENTS);
      return Array.isArray(list) ? (list as CohortEnrolment[]) : [];
    },
    async saveEnrolment(e) {
      const list = (await this.enrolments()).filter((x) => x.cohortId !== e.cohortId);
      await write(ENROLMENTS, [...list, e]);
    },
    async round(roundId) {
      const r = await read(roundKey(roundId));
      return typeof r === "object" && r !== null ? (r as RoundRecord) : {};
    },
    saveRound: (roundId, r) => write(roundKey(roundId), r),
  };
}
