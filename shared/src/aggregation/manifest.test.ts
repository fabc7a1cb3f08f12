import { beforeAll, describe, expect, it } from "vitest";
import { readySodium } from "../crypto/sodium.ts";
import { deriveIdentity } from "../crypto/identity.ts";
import { MemberId } from "../ids.ts";
import {
  acceptRound,
  checkManifest,
  defaultThreshold,
  manifestHash,
  schemaHash,
  decodeCall,
  encodeCall,
  signCall,
  verifyAcceptance,
  verifyCall,
  type RoundManifest,
} from "./manifest.ts";
import { DEFAULT_FIELD_RULES } from "./contribution.ts";

const seed = (n: number) => new Uint8Array(32).fill(n);
let org: ReturnType<typeof deriveIdentity>;
let stewards: ReturnType<typeof deriveIdentity>[];
let manifest: RoundManifest;
const T0 = Date.UTC(2025, 10, 1);

beforeAll(async () => {
  await readySodium();
  org = deriveIdentity(seed(200));
  stewards = [1, 2, 3, 4, 5].map((n) => deriveIdentity(seed(n)));
  const listed = stewards
    .map((s, i) => ({ memberId: s.memberId, groupId: `group-${i}`, roundKey: s.box.publicKey }))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  manifest = {
    roundId: new Uint8Array(16).fill(7),
    cohortId: "b2FrbGFuZC0yMDI2LTAx",
    period: "2025-10",
    schemaHash: schemaHash(DEFAULT_FIELD_RULES),
    stewards: listed,
    k: 5,
    t: 3,
    minContributors: 20,
    minGroups: 3,
    volunteersBy: T0,
    freezesAt: T0 + 14 * 86_400_000,
    partialsBy: T0 + 21 * 86_400_000,
  };
});

describe("a round's manifest", () => {
  it("defaults: k = 7, t = 4, and k = 5, t = 3 for cohorts under 50", () => {
    expect(defaultThreshold(49)).toEqual({ k: 5, t: 3 });
    expect(defaultThreshold(50)).toEqual({ k: 7, t: 4 });
  });

  it("follows the rules; every broken rule is named", () => {
    expect(checkManifest(manifest)).toBeNull();
    const [a, b] = manifest.stewards;
    expect(checkManifest({ ...manifest, t: 6 })).toBe("bad-threshold");
    expect(checkManifest({ ...manifest, t: 1 })).toBe("bad-threshold");
    expect(checkManifest({ ...manifest, k: 4, t: 3 })).toBe("steward-count");
    expect(checkManifest({ ...manifest, stewards: [b!, a!, ...manifest.stewards.slice(2)] })).toBe(
      "stewards-unordered",
    );
    expect(
      checkManifest({
        ...manifest,
        stewards: manifest.stewards.map((s, i) => (i === 1 ? { ...s, groupId: a!.groupId } : s)),
      }),
    ).toBe("two-stewards-one-group");
    expect(
      checkManifest({
        ...manifest,
        stewards: manifest.stewards.map((s, i) => (i === 0 ? { ...s, roundKey: new Uint8Array(31) } : s)),
      }),
    ).toBe("bad-round-key");
    expect(checkManifest({ ...manifest, freezesAt: manifest.volunteersBy })).toBe("bad-deadlines");
    expect(checkManifest({ ...manifest, minGroups: 30 })).toBe("bad-minimums");
  });

  it("its call is signed by the organization's key; any change or another key fails", () => {
    const signature = signCall(manifest, org.signing.privateKey);
    const orgKey = org.signing.publicKey;
    expect(verifyCall(manifest, signature, orgKey)).toBe(true);
    expect(verifyCall({ ...manifest, minContributors: 2 }, signature, orgKey)).toBe(false);
    expect(verifyCall({ ...manifest, period: "2025-11" }, signature, orgKey)).toBe(false);
    expect(verifyCall(manifest, signature, stewards[0]!.signing.publicKey)).toBe(false);
    expect(verifyCall(manifest, signCall(manifest, stewards[0]!.signing.privateKey), orgKey)).toBe(false);
  });

  it("its call travels as the bytes signed and decodes to the same call; garbage decodes to null", () => {
    const call = decodeCall(encodeCall(manifest));
    expect(call).toEqual(Object.fromEntries(Object.entries(manifest).filter(([key]) => key !== "stewards")));
    expect(decodeCall(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(decodeCall(encodeCall({ ...manifest, period: "2025-13" }))).toBeNull();
  });

  it("its hash changes with any field, and not otherwise", () => {
    expect(manifestHash(manifest)).toEqual(manifestHash({ ...manifest }));
    expect(manifestHash({ ...manifest, partialsBy: manifest.partialsBy + 1 })).not.toEqual(manifestHash(manifest));
  });

  it("each steward accepts with its identity, binding its round key; a swapped key or another signer fails", () => {
    const listed = manifest.stewards[0]!;
    const who = stewards.find((s) => s.memberId === listed.memberId)!;
    const accepted = acceptRound(manifest, listed, who.signing.privateKey);
    expect(verifyAcceptance(manifest, listed, accepted)).toBe(true);
    // The relay (or anyone) substituting its own round key for the steward's:
    expect(verifyAcceptance(manifest, { ...listed, roundKey: new Uint8Array(32).fill(9) }, accepted)).toBe(false);
    // Another member signing in the steward's name:
    const other = stewards.find((s) => s.memberId !== listed.memberId)!;
    expect(verifyAcceptance(manifest, listed, acceptRound(manifest, listed, other.signing.privateKey))).toBe(false);
    // Another group named for the same steward:
    expect(verifyAcceptance(manifest, { ...listed, groupId: "elsewhere" }, accepted)).toBe(false);
    // A stranger's acceptance in its own name verifies as its own (whether it is a steward is the manifest's list):
    const stranger = deriveIdentity(seed(99));
    const fake = { memberId: MemberId.parse(stranger.memberId)!, groupId: "x", roundKey: stranger.box.publicKey };
    expect(verifyAcceptance(manifest, fake, acceptRound(manifest, fake, stranger.signing.privateKey))).toBe(true);
    expect(verifyAcceptance(manifest, fake, acceptRound(manifest, fake, who.signing.privateKey))).toBe(false);
    // An acceptance of another round does not carry over:
    expect(verifyAcceptance({ ...manifest, period: "2025-11" }, listed, accepted)).toBe(false);
  });
});
