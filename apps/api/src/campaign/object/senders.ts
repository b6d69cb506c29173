import type { Step } from "@cadence/contract";
import { isPersonalizedVariant } from "../../ai/personalized";
import { CaptureChannel } from "../../channels/capture";
import { composeEmail, composeLinkedIn } from "../../channels/compose";
import { channelForAccount, channelForAlias } from "../../channels/resolve";
import type { Channel, OutboundAction } from "../../channels/types";
import { aliasIdFor, leadSeed } from "../sequence";
import type { Variants } from "./ab-winner";
import type { LeadRow } from "./leads";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";

/** Alias and account rows (and their channels) are re-read at most this often. */
const SENDER_CACHE_MS = 30_000;

/** Who sends an action: the channel, and the sending identity's own caps shared across campaigns. */
export interface Sender {
  channel: Channel;
  quota: { id: string; dailyLimit: number; weeklyLimit: number | null };
}

interface AliasRow {
  id: string;
  email: string;
  display_name: string | null;
  daily_limit: number;
  transport: string;
  transport_secret: string | null;
}

interface AccountRow {
  id: string;
  provider: string;
  provider_account_id: string;
  base_url: string;
  api_key_secret: string;
  daily_limit: number;
  weekly_limit: number;
}

/**
 * Who sends each action and what exactly is sent: the lead's alias (fixed per lead, so a thread stays
 * in one mailbox) or the campaign's connected account, its channel, and the action composed from the
 * frozen templates. Rows and channels are cached briefly, so a send seldom reads D1.
 */
export class Senders {
  private readonly rowCache = new Map<string, { row: unknown; until: number }>();
  private readonly channelCache = new Map<string, { channel: Channel; until: number }>();
  /** Actions whose SMTP body started in this instance (their journal entry is cleared on record). */
  private readonly journaled = new Set<string>();

  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly variants: Variants,
    /** The personalized text a lead's step was given (AiSends), sent as written in place of its template. */
    private readonly written: (rowIndex: number, step: number) => { subject: string; body: string } | null,
  ) {}

  /** The sender of a lead's step, or null when its alias or account no longer exists. */
  async senderFor(lead: Pick<LeadRow, "row_index">, step: Step): Promise<Sender | null> {
    if (step.channel === "email") {
      const alias = await this.aliasFor(lead.row_index);
      if (!alias) return null;
      return {
        channel: await this.cachedChannel(
          `alias:${alias.id}`,
          async () =>
            (await channelForAlias(this.scope.env, alias, { journal: this.smtpJournal })) ??
            new CaptureChannel(this.scope.sql, () => this.scope.clock.now()),
        ),
        quota: { id: `alias:${alias.id}`, dailyLimit: alias.daily_limit, weeklyLimit: null },
      };
    }
    const accountId = this.record.config().connectedAccountId;
    if (!accountId) return null;
    const account = await this.cachedRow(`account:${accountId}`, () =>
      this.scope.env.DB.prepare("SELECT * FROM connected_accounts WHERE id = ?")
        .bind(accountId)
        .first<AccountRow>(),
    );
    if (!account) return null;
    return {
      channel: await this.cachedChannel(`account:${account.id}`, () =>
        channelForAccount(this.scope.env, account),
      ),
      quota: {
        id: `account:${account.id}`,
        dailyLimit: account.daily_limit,
        weeklyLimit: account.weekly_limit,
      },
    };
  }

  /**
   * The action for the lead's step `stepNo` under `key`: the same bytes every time it is composed
   * (`variantLabel`: the variant the caller chose for it, see `Variants.chosen`).
   */
  async compose(lead: LeadRow, stepNo: number, key: string, variantLabel?: string): Promise<OutboundAction> {
    const config = this.record.config();
    const campaignId = this.record.campaignId();
    const step = config.steps[stepNo - 1]!;
    const variant = this.variants.chosen(lead.row_index, step, variantLabel);
    const data = JSON.parse(lead.data) as Record<string, string>;
    const templates = this.record.templates();
    const seed = leadSeed(config.datasetId, lead.row_index);
    if (step.channel === "linkedin") {
      return composeLinkedIn({
        key,
        step,
        data,
        profileUrl: lead.linkedin_url ?? "",
        seed,
        template: variant.template_id ? (templates.get(variant.template_id) ?? null) : null,
      });
    }
    const alias = await this.aliasFor(lead.row_index);
    return composeEmail(this.scope.env, {
      key,
      campaignId,
      rowIndex: lead.row_index,
      step,
      data,
      to: lead.email ?? "",
      template: templates.get(variant.template_id ?? "") ?? { subject: "", body: "" },
      thread: lead.thread_message_id
        ? { messageId: lead.thread_message_id, subject: lead.thread_subject ?? "" }
        : null,
      publicBaseUrl: config.publicBaseUrl,
      from: { email: alias?.email ?? "outreach@cadence.local", name: alias?.display_name ?? null },
      seed,
      // Only a personalized variant was given text of its own; a template variant sends its template.
      generated: isPersonalizedVariant(step, variant) ? this.written(lead.row_index, stepNo) : null,
    });
  }

  /**
   * The action's SMTP journal entry, if it left one, is cleared with its outcome (`interrupted`: the
   * action is being reconciled after a wake that never recorded it, whose entry this instance never saw).
   */
  clearJournal(key: string, interrupted: boolean): void {
    if (this.journaled.delete(key) || interrupted)
      this.scope.sql.exec("DELETE FROM smtp_journal WHERE action_key = ?", key);
  }

  /** The mailbox a lead is sent from: fixed per lead, so a thread stays in one mailbox. */
  private async aliasFor(rowIndex: number): Promise<AliasRow | null> {
    const id = aliasIdFor(this.record.config().aliasIds, rowIndex);
    if (id === null) return null;
    return this.cachedRow(`alias:${id}`, () =>
      this.scope.env.DB.prepare(
        "SELECT id, email, display_name, daily_limit, transport, transport_secret FROM aliases WHERE id = ?",
      )
        .bind(id)
        .first<AliasRow>(),
    );
  }

  /**
   * SMTP has no idempotency lookup: the object notes, durably, the moment a message body starts to
   * go out. A crash before that point is known not to have sent; after it the outcome is unknown.
   */
  private readonly smtpJournal = {
    markCommitting: async (key: string) => {
      this.journaled.add(key);
      this.scope.sql.exec("INSERT OR REPLACE INTO smtp_journal (action_key) VALUES (?)", key);
      await this.scope.ctx.storage.sync();
    },
    wasCommitting: async (key: string) =>
      this.scope.sql.exec("SELECT 1 FROM smtp_journal WHERE action_key = ?", key).toArray().length > 0,
  };

  private async cachedChannel(id: string, make: () => Promise<Channel>): Promise<Channel> {
    const hit = this.channelCache.get(id);
    if (hit && hit.until > Date.now()) return hit.channel;
    const channel = await make();
    this.channelCache.set(id, { channel, until: Date.now() + SENDER_CACHE_MS });
    return channel;
  }

  private async cachedRow<T>(id: string, load: () => Promise<T | null>): Promise<T | null> {
    const hit = this.rowCache.get(id);
    if (hit && hit.until > Date.now()) return hit.row as T | null;
    const row = await load();
    this.rowCache.set(id, { row, until: Date.now() + SENDER_CACHE_MS });
    return row;
  }
}
