import type { App } from "../app";
import { registerCreateApiKey } from "./api-keys/create";
import { registerDeleteApiKey } from "./api-keys/delete";
import { registerListApiKeys } from "./api-keys/list";
import { registerGetMe } from "./auth/me";
import { registerCreateEvent } from "./events/create";
import { registerTrackingLinks } from "./tracking/links";
import { registerCreateCampaign } from "./campaigns/create";
import { registerDeleteCampaign } from "./campaigns/delete";
import { registerGetCampaign } from "./campaigns/get";
import { registerLaunchCampaign } from "./campaigns/launch";
import { registerListCampaigns } from "./campaigns/list";
import { registerPauseCampaign } from "./campaigns/pause";
import { registerPreflightCampaign } from "./campaigns/preflight";
import { registerResumeCampaign } from "./campaigns/resume";
import { registerUpdateCampaign } from "./campaigns/update";
import { registerCampaignVisibility } from "./campaigns/visibility";

/** The composition root: every operation registers itself here. */
export function registerRoutes(app: App) {
  registerGetMe(app);
  registerListApiKeys(app);
  registerCreateApiKey(app);
  registerDeleteApiKey(app);
  registerListCampaigns(app);
  registerCreateCampaign(app);
  registerGetCampaign(app);
  registerUpdateCampaign(app);
  registerDeleteCampaign(app);
  registerPreflightCampaign(app);
  registerLaunchCampaign(app);
  registerPauseCampaign(app);
  registerResumeCampaign(app);
  registerCampaignVisibility(app);
  registerCreateEvent(app);
  registerTrackingLinks(app);
}
