import { z } from "@hono/zod-openapi";
import { Uuid } from "./common";

export const INBOUND_EVENT_TYPES = ["replied", "bounced", "unsubscribed", "complained"] as const;

/** An inbound fact about a lead: by `campaign_lead_id`, or by `email` (optionally within one campaign). */
export const InboundEvent = z
  .object({
    type: z.enum(INBOUND_EVENT_TYPES),
    campaign_lead_id: Uuid.optional(),
    email: z.email().max(254).optional(),
    campaign_id: Uuid.optional().openapi({
      description: "With `email`: only this campaign (default: every live campaign)",
    }),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.campaign_lead_id === !e.email) {
      ctx.addIssue({
        code: "custom",
        path: ["campaign_lead_id"],
        message: "give exactly one of campaign_lead_id or email",
      });
    }
    if (e.campaign_lead_id && e.campaign_id) {
      ctx.addIssue({
        code: "custom",
        path: ["campaign_id"],
        message: "campaign_id goes with email, not campaign_lead_id",
      });
    }
  })
  .openapi("InboundEvent");
export type InboundEvent = z.infer<typeof InboundEvent>;

export const InboundEventResult = z
  .object({
    type: z.enum(INBOUND_EVENT_TYPES),
    stopped: z.array(z.object({ campaign_id: Uuid, campaign_lead_id: Uuid })),
    suppressed: z
      .string()
      .nullable()
      .openapi({ description: "The address added to the suppression list, if any" }),
  })
  .openapi("InboundEventResult");
