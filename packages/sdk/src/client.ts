import { type WaitForCampaignOptions, waitForCampaign } from "./campaigns.js";
import { CadenceCore, type CadenceOptions } from "./core.js";
import { type ImportCsvOptions, importCsv } from "./datasets.js";
import { type ListItem, type ListPath, type PaginateInit, paginate } from "./pagination.js";
import type { Campaign, Dataset } from "./types.js";

/** The Cadence API client: typed calls (see `CadenceCore`) and the helpers a program needs most. */
export class Cadence extends CadenceCore {
  /** Every item of a collection across its pages: `for await (const c of cadence.paginate("/api/v1/campaigns/"))`. */
  paginate<P extends ListPath>(url: P, init?: PaginateInit<P>): AsyncGenerator<ListItem<P>, void, undefined> {
    return paginate(this, url, init);
  }

  /** Imports a CSV as a new dataset, streamed, with progress. */
  importCsv(options: ImportCsvOptions): Promise<Dataset> {
    return importCsv(this, options);
  }

  /** Resolves once the campaign reaches `until` (default `completed`). */
  waitForCampaign(campaignId: string, options?: WaitForCampaignOptions): Promise<Campaign> {
    return waitForCampaign(this, campaignId, options);
  }
}

/** Creates a client: `createCadence({ apiKey, baseUrl })`. */
export function createCadence(options: CadenceOptions): Cadence {
  return new Cadence(options);
}
