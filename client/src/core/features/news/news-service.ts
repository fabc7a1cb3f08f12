/**
 * Implements `NewsApi`: one "last seen" moment per group, kept in this device's own database (meta
 * key "seen"), and the news since then. A group this device has no marker for starts at the moment it
 * is first seen here, so a new member is not greeted with the group's whole history as "new".
 */
import type { GroupId } from "@porch/shared";
import type { CoreContext } from "../../core-context.ts";
import type { MembershipApi } from "../../api/membership-api.ts";
import type { NewsApi, NewsView } from "../../api/news-api.ts";
import type { GroupLifeApi } from "../../api/group-life-api.ts";
import { newsSince } from "../../doc/news.ts";
import { indexOf } from "../../doc/records.ts";
import type { SeenMarkers } from "../../store/local-db.ts";

const KEY = "seen";

export class NewsService implements NewsApi {
  private markers = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();
  /** The last view per group and what it was built from: the core asks on every snapshot. */
  private readonly built = new Map<string, { deps: readonly unknown[]; view: NewsView }>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly life: GroupLifeApi,
    private readonly membership: MembershipApi,
  ) {}

  /** Reads the markers; call once before the first `view`. */
  async load(): Promise<void> {
    const record = await this.ctx.db.get("meta", KEY);
    const seen = record !== undefined && typeof record === "object" && "seen" in record ? record.seen : {};
    this.markers = new Map(Object.entries(seen));
  }

  view(groupId: GroupId): NewsView | null {
    const parts = this.ctx.parts();
    const g = parts?.store.get(groupId);
    const life = this.life.life(groupId);
    if (parts === null || g === undefined || life === null) return null;
    let since = this.markers.get(groupId);
    if (since === undefined) {
      since = Date.now();
      this.markers.set(groupId, since);
      this.save();
    }
    const events = this.membership.view(groupId)?.events ?? [];
    const doc = g.handle.doc();
    const deps = [doc, life, since, events.length];
    const hit = this.built.get(groupId);
    if (hit !== undefined && hit.deps.every((d, i) => d === deps[i])) return hit.view;
    const view = newsSince(indexOf(doc), life, events, parts.identity.memberId, since, g.authors());
    this.built.set(groupId, { deps, view });
    return view;
  }

  async markSeen(groupId: GroupId): Promise<void> {
    this.markers.set(groupId, Date.now());
    this.save();
    await this.writing;
    this.ctx.notify();
  }

  /** Writes one at a time, each the latest markers. */
  private save(): void {
    this.writing = this.writing
      .then(() => {
        const record: SeenMarkers = { seen: Object.fromEntries(this.markers) };
        return this.ctx.db.put("meta", record, KEY);
      })
      .then(
        () => undefined,
        (error: unknown) => console.warn("Porch: could not store what was seen", error),
      );
  }
}
