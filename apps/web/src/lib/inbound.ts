import type { components } from "@cadence/sdk";

export type InboundMessage = components["schemas"]["InboundMessage"];
export type InboundClassification = InboundMessage["classification"];
export type ConversationItem = components["schemas"]["ConversationItem"];

/** Every classification the API gives an inbound message, in words (the order of the filter). */
export const CLASSIFICATION_TEXT: Record<InboundClassification, string> = {
  reply: "Reply",
  unsubscribe_request: "Unsubscribe request",
  auto_reply: "Auto-reply",
  hard_bounce: "Hard bounce",
  soft_bounce: "Soft bounce",
  complaint: "Complaint",
};

export const CLASSIFICATIONS = Object.keys(CLASSIFICATION_TEXT) as InboundClassification[];

/** The dashboard path of a lead's conversation (sent and received mail, in order). */
export const conversationPath = (campaignId: string, campaignLeadId: string) =>
  `/campaigns/${campaignId}/leads/${campaignLeadId}/conversation`;

/** `Ada <ada@example.com>`, or the bare address, or a dash for none. */
export function sender(m: Pick<InboundMessage, "from" | "from_name">): string {
  if (m.from && m.from_name) return `${m.from_name} <${m.from}>`;
  return m.from ?? m.from_name ?? "—";
}
