// Names for the schemas a program uses most, all taken from the generated document types.
import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

export type Campaign = Schemas["CampaignResponse"];
export type CampaignCreate = Schemas["CampaignCreate"];
export type CampaignUpdate = Schemas["CampaignUpdate"];
export type CampaignStatus = Campaign["status"];
export type CampaignStats = Schemas["CampaignStats"];
export type CampaignLead = Schemas["CampaignLead"];
export type Schedule = Schemas["ScheduleResponse"];
export type PreflightResult = Schemas["PreflightResponse"];
export type LaunchResult = Schemas["LaunchResponse"];
export type LaunchWarning = Schemas["LaunchWarning"];
export type Dataset = Schemas["DatasetResponse"];
export type DatasetRow = Schemas["DatasetRow"];
export type Template = Schemas["TemplateResponse"];
export type Alias = Schemas["Alias"];
export type Webhook = Schemas["Webhook"];
export type WebhookEvent = Schemas["WebhookEventPayload"];
