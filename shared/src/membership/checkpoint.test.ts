/**
 * Ana founds a group, admits Ben (member), Cara (admin) and Dan, rotates, removes Dan, invites again.
 * A checkpoint of any prefix, signed by two members (one an admin) and followed by the rest of the log,
 * gives the same state a full replay gives. Forged checkpoints are refused with exact codes; one that
 * two colluding members sign over a false roster opens, but an existing member's own replay refuses it.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../crypto/sodium.ts";
import { encodeCbor, decodeCbor } from "../codec.ts";
import type { Identity } from "../crypto/identity.ts";
import { GroupId, MemberId } from "../ids.ts";
import {
  checkpointAgrees,
  checkpointBody,
  encodeCheckpoint,
  openCheckpoint,
  replayFromCheckpoint,
  signCheckpoint,
} from "./checkpoint.ts";
import type { GroupState } from "./group-state.ts";
import {
  apply,
  createPayload,
  fingerprint,
  GROUP,
  identities,
  invitePayload,
  joinWith,
  removePayload,
  rotatePayload,
  sign,
} from "./test-kit.ts";

let ana: Identity, ben: Identity, cara: Identity, dan: Identity, eve: Identity;
/** The log's wire entries and the state after each (states[i] = after entries[0..i]). */
const log: Uint8Array[] = [];
const states: GroupState[] = [];

const push = (wire: Uint8Array) => {
  states.push(apply(states.at(-1) ?? null, wire));
  log.push(wire);
};
const head = () => states.at(-1)!;
const signedBy = (state: GroupState, ...who: Identity[]) => {
  const body = checkpointBody(state);
  return encodeCheckpoint(
    body,
    who.map((m) => signCheckpoint(body, m.memberId, m.signing.privateKey)),
  );
};
/** The state a full replay and a checkpoint start agree on (former members and closed invitations aside). */
const comparable = (s: GroupState) => checkpointBody(s);

beforeAll(async () => {
  await readySodium();
  [ana, ben, cara, dan, eve] = identities(1, 2, 3, 4, 5);
  push(sign(null, ana, "create", createPayload(ana)).wire);
  let n = 0x41;
  for (const [who, role] of [
    [ben, "member"],
    [cara, "admin"],
    [dan, "member"],
  ] as const) {
    const invite = sign(head(), ana, "invite", invitePayload(n, head(), role));
    push(invite.wire);
    push(joinWith(head(), who, invite, n).wire);
    n++;
  }
  push(sign(head(), ana, "rotate", rotatePayload(1, [ana, ben, cara, dan])).wire);
  push(sign(head(), cara, "remove", removePayload(dan, 2, [ana, ben, cara])).wire);
  push(sign(head(), cara, "invite", invitePayload(0x50, head())).wire);
});

describe("a checkpoint of any prefix, then the entries after it, equals the full replay", () => {
  test("for every index from Ben's join (two members) to the head", () => {
    for (let i = 3; i <= log.length; i++) {
      const replayed = replayFromCheckpoint(signedBy(states[i - 1]!, ana, ben), GROUP, log.slice(i));
      expect(replayed.ok && comparable(replayed.value.state)).toEqual(comparable(head()));
    }
  });

  test("the opened state carries roster, roles, keys, epoch, commitments, chained keys, head and the open invitation", () => {
    const opened = openCheckpoint(signedBy(head(), ana, ben), GROUP);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const s = opened.value.state;
    expect(new Set(s.members.keys())).toEqual(new Set([ana.memberId, ben.memberId, cara.memberId]));
    expect(s.members.get(cara.memberId)?.role).toBe("admin");
    expect(s.members.get(ben.memberId)?.boxKey).toEqual(ben.box.publicKey);
    expect([s.epoch, s.length, s.head, s.headTime]).toEqual([2, log.length, head().head, head().headTime]);
    expect(s.commitments).toEqual(head().commitments);
    expect(s.prevKeys).toEqual(head().prevKeys);
    expect([...s.invites.values()].map((i) => i.author)).toEqual([cara.memberId]);
    expect(opened.value.signers).toEqual([ana.memberId, ben.memberId]);
  });

  test("a newcomer joins on top of a checkpoint exactly as on top of the full log", () => {
    const invite = [...head().invites].find(([, i]) => !i.used)!;
    const join = joinWith(head(), eve, decodeB64(invite[0]), 0x50).wire;
    const fromCheckpoint = replayFromCheckpoint(signedBy(head(), cara, ben), GROUP, [join]);
    expect(fromCheckpoint.ok && comparable(fromCheckpoint.value.state)).toEqual(comparable(apply(head(), join)));
  });

  test("an existing member's own replay agrees with an honest body", () => {
    expect(checkpointAgrees(head(), checkpointBody(head()))).toEqual({ ok: true, value: true });
  });
});

const decodeB64 = (id: string) => Uint8Array.from(Buffer.from(id, "base64url"));

/** Replaces the body of a checkpoint's wire form, keeping its signatures. */
const withBody = (wire: Uint8Array, body: Uint8Array) => {
  const [, sigs] = decodeCbor(wire) as [Uint8Array, unknown];
  return encodeCbor([body, sigs]);
};
/** The head's body with Eve added to the roster (a member nobody admitted). */
const forgedRoster = () => {
  const fields = decodeCbor(checkpointBody(head())) as unknown[];
  const members = fields[8] as unknown[];
  fields[8] = [...members, [MemberId.toBytes(eve.memberId), "admin", eve.box.publicKey, 1, null]];
  return encodeCbor(fields);
};

describe("forged checkpoints are refused", () => {
  const cases: { name: string; build: () => [Uint8Array, readonly Uint8Array[]]; code: string }[] = [
    { name: "signed by one admin only", build: () => [signedBy(head(), ana), []], code: "bad-checkpoint" },
    { name: "signed by no admin", build: () => [signedBy(states[7]!, ben, dan), []], code: "bad-checkpoint" },
    { name: "the same admin twice", build: () => [signedBy(head(), ana, ana), []], code: "bad-checkpoint" },
    { name: "a signer outside its roster", build: () => [signedBy(head(), ana, eve), []], code: "bad-checkpoint" },
    { name: "a removed member as signer", build: () => [signedBy(head(), ana, dan), []], code: "bad-checkpoint" },
    {
      name: "wrong roster under honest signatures",
      build: () => [withBody(signedBy(head(), ana, ben), forgedRoster()), []],
      code: "bad-signature",
    },
    {
      name: "a signature by someone else in a member's name",
      build: () => {
        const body = checkpointBody(head());
        const forged = {
          signer: ben.memberId,
          signature: signCheckpoint(body, eve.memberId, eve.signing.privateKey).signature,
        };
        return [encodeCheckpoint(body, [signCheckpoint(body, ana.memberId, ana.signing.privateKey), forged]), []];
      },
      code: "bad-signature",
    },
    {
      name: "head not in the log: the entries after it follow another head",
      build: () => [signedBy(states[5]!, ana, ben), log.slice(7)],
      code: "checkpoint-mismatch",
    },
    {
      name: "another group's checkpoint",
      build: () => {
        const fields = decodeCbor(checkpointBody(head())) as unknown[];
        fields[1] = GroupId.toBytes(GroupId.fromBytes(new Uint8Array(16).fill(0x62))!);
        const body = encodeCbor(fields);
        const sigs = [ana, ben].map((m) => signCheckpoint(body, m.memberId, m.signing.privateKey));
        return [encodeCheckpoint(body, sigs), []];
      },
      code: "wrong-group",
    },
    { name: "not CBOR", build: () => [new Uint8Array([0xff, 0x00]), []], code: "bad-checkpoint" },
    {
      name: "a body with fewer commitments than epochs",
      build: () => {
        const fields = decodeCbor(checkpointBody(head())) as unknown[];
        fields[6] = (fields[6] as unknown[]).slice(1);
        const body = encodeCbor(fields);
        return [
          encodeCheckpoint(
            body,
            [ana, ben].map((m) => signCheckpoint(body, m.memberId, m.signing.privateKey)),
          ),
          [],
        ];
      },
      code: "bad-checkpoint",
    },
  ];
  test.each(cases)("$name → $code", ({ build, code }) => {
    const [wire, after] = build();
    let result: ReturnType<typeof replayFromCheckpoint> | undefined;
    expect(() => (result = replayFromCheckpoint(wire, GROUP, after))).not.toThrow();
    expect(result?.ok === false && result.code).toBe(code);
  });

  test("two colluding members can sign a false roster; an existing member's own replay refuses it", () => {
    const body = forgedRoster();
    const wire = encodeCheckpoint(
      body,
      [ana, ben].map((m) => signCheckpoint(body, m.memberId, m.signing.privateKey)),
    );
    // A newcomer cannot tell (this is the trust the threat model states) …
    expect(openCheckpoint(wire, GROUP).ok).toBe(true);
    // … a member who replayed the log can, and the relay runs the same check before storing a signature.
    expect(checkpointAgrees(head(), body)).toMatchObject({ ok: false, code: "checkpoint-mismatch" });
    expect(fingerprint(head())).toBe(fingerprint(states.at(-1)!));
  });
});
