/** Implements `MembershipApi`: roles, invitations, removal, leaving, second devices, recovery. */
import type { CoreContext } from "./core-context.ts";
import type { MembershipApi } from "./membership-api.ts";

/** Membership operations over the open groups and the relay. */
export class MembershipService implements MembershipApi {
  constructor(private readonly ctx: CoreContext) {}

  /** The context, for the operations to come. */
  protected get context(): CoreContext {
    return this.ctx;
  }
}
