import type { Channel, ReconcileOutcome, SendOutcome } from "./types";

/**
 * Stands in for a channel whose destination the egress policy refuses (lib/egress.ts): a mailbox or
 * account stored before the policy, or by a local deployment, never reaches a private address from a
 * deployed Worker. Every send fails permanently with the reason; nothing is ever sent through it.
 */
export class RefusedChannel implements Channel {
  constructor(private readonly reason: string) {}

  async send(): Promise<SendOutcome> {
    return { kind: "permanent", error: `destination refused: ${this.reason}` };
  }

  /** It cannot know what an earlier channel for the same identity did. */
  async reconcile(): Promise<ReconcileOutcome> {
    return "unknown";
  }
}
