import { z } from "@hono/zod-openapi";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

/** What an inbound message was read as (the same list as `@cadence/inbound`'s classifier). */
export const INBOUND_CLASSIFICATIONS = [
  "reply",
  "unsubscribe_request",
  "auto_reply",
  "hard_bounce",
  "soft_bounce",
  "complaint",
] as const;
export type InboundClassification = (typeof INBOUND_CLASSIFICATIONS)[number];

/** How an inbound message was tied to the email it answers. */
export const INBOUND_MATCH_METHODS = ["tag", "returned_message_id", "in_reply_to", "references"] as const;

export const InboundMessageView = z
  .object({
    inbound_message_id: Uuid,
    campaign_id: Uuid.nullable(),
    campaign_lead_id: Uuid.nullable(),
    step: z.number().int().nullable(),
    classification: z.enum(INBOUND_CLASSIFICATIONS),
    matched_by: z.enum(INBOUND_MATCH_METHODS).nullable(),
    from: z.string().nullable().openapi({ example: "ada@example.com" }),
    from_name: z.string().nullable(),
    to: z.string().openapi({ description: "The address it arrived at (the envelope recipient)" }),
    subject: z.string(),
    snippet: z.string().openapi({ description: "The start of the new text (quotes removed), one line" }),
    text: z.string().openapi({ description: "The new text of a reply (at most 4,000 characters)" }),
    message_id: z.string().nullable(),
    received_at: Timestamp,
    raw_size: z.number().int(),
    details: z.record(z.string(), z.string().nullable()).openapi({
      description:
        "Facts of the classification: return_date (auto_reply), bounce_type/status/recipient/diagnostic/original_message_id (bounces), feedback_type (complaint), phrase (unsubscribe_request)",
    }),
    forwarded_to: z.string().nullable(),
  })
  .openapi("InboundMessage");
export type InboundMessageView = z.infer<typeof InboundMessageView>;

export const InboxQuery = PaginationQuery.extend({
  campaign_id: Uuid.optional(),
  campaign_lead_id: Uuid.optional(),
  classification: z.enum(INBOUND_CLASSIFICATIONS).optional(),
});

export const InboxList = paginated(InboundMessageView).openapi("InboxList");

export const ConversationItem = z
  .object({
    direction: z.enum(["outbound", "inbound"]),
    at: Timestamp,
    step: z.number().int().nullable(),
    subject: z.string().nullable(),
    text: z
      .string()
      .nullable()
      .openapi({ description: "Outbound: the sent text when the campaign kept it; inbound: the new text" }),
    message_id: z.string().nullable(),
    /** Outbound: `sent` or `failed`; inbound: the classification. */
    status: z.string(),
    inbound_message_id: Uuid.nullable(),
  })
  .openapi("ConversationItem");

export const Conversation = z
  .object({
    campaign_id: Uuid,
    campaign_lead_id: Uuid,
    email: z.string().nullable(),
    items: z.array(ConversationItem),
  })
  .openapi("Conversation");
export type Conversation = z.infer<typeof Conversation>;
