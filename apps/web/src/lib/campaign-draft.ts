import type { Campaign, CampaignCreate } from "@cadence/sdk";

// The editor keeps what the user typed (numbers as text, so a half-typed value is not lost) and turns it
// into the API's `CampaignCreate` only on save; the API's 422 then points at the same field keys.

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const LINKEDIN_ACTIONS = ["connection_request", "message", "profile_visit", "inmail"] as const;

export interface VariantDraft {
  label: string;
  weight: string;
  template_id: string;
  /** `PERSONALIZATION`: a model writes each lead's email (from the template, when there is one). */
  type: "TEMPLATE" | "PERSONALIZATION";
}

export interface StepDraft {
  delay_days: string;
  channel: "email" | "linkedin";
  action_type: string;
  message_template: string;
  track_clicks: boolean;
  /** Email steps: every variant's email is written for each lead by the AI provider. */
  ai_personalization_enabled: boolean;
  variants: VariantDraft[];
}

export interface CampaignDraft {
  name: string;
  description: string;
  dataset_id: string;
  alias_ids: string[];
  connected_account_id: string;
  launch_type: "immediate" | "scheduled";
  /** `datetime-local` text, in the viewer's zone. */
  start_date: string;
  timezone: string;
  send_days: string[];
  sending_window_start: string;
  sending_window_end: string;
  daily_limit: string;
  min_interval_seconds: string;
  steps: StepDraft[];
  /** Not edited here; kept as the campaign has it. */
  unreviewed_launch_policy: Campaign["unreviewed_launch_policy"];
}

export const newVariant = (label: string): VariantDraft => ({
  label,
  weight: "50",
  template_id: "",
  type: "TEMPLATE",
});

export const newStep = (first: boolean): StepDraft => ({
  delay_days: first ? "0" : "3",
  channel: "email",
  action_type: "",
  message_template: "",
  track_clicks: false,
  ai_personalization_enabled: false,
  variants: [newVariant("A")],
});

export function emptyDraft(): CampaignDraft {
  return {
    name: "",
    description: "",
    dataset_id: "",
    alias_ids: [],
    connected_account_id: "",
    launch_type: "immediate",
    start_date: "",
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    send_days: ["mon", "tue", "wed", "thu", "fri"],
    sending_window_start: "09:00",
    sending_window_end: "17:00",
    daily_limit: "50",
    min_interval_seconds: "300",
    steps: [newStep(true)],
    unreviewed_launch_policy: "launch_default",
  };
}

const hhmm = (time: string) => (time.endsWith(":00") && time.length === 8 ? time.slice(0, 5) : time);

/** An ISO instant as `datetime-local` text in the viewer's zone. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function draftFromCampaign(c: Campaign): CampaignDraft {
  return {
    name: c.name,
    description: c.description ?? "",
    dataset_id: c.dataset_id,
    alias_ids: c.alias_ids,
    connected_account_id: c.connected_account_id ?? "",
    launch_type: c.launch_type,
    start_date: c.start_date ? toLocalInput(c.start_date) : "",
    timezone: c.timezone,
    send_days: c.send_days,
    sending_window_start: hhmm(c.sending_window_start),
    sending_window_end: hhmm(c.sending_window_end),
    daily_limit: String(c.daily_limit),
    min_interval_seconds: String(c.min_interval_seconds),
    unreviewed_launch_policy: c.unreviewed_launch_policy,
    steps: c.steps_config.map((s) => ({
      delay_days: String(s.delay_days ?? 0),
      channel: s.channel ?? "email",
      action_type: s.action_type ?? "",
      message_template: s.message_template ?? "",
      track_clicks: s.track_clicks ?? false,
      ai_personalization_enabled: s.ai_personalization_enabled ?? false,
      variants: s.variants.map((v) => ({
        label: v.label,
        weight: String(v.weight ?? 50),
        template_id: v.template_id ?? "",
        type: v.type ?? "TEMPLATE",
      })),
    })),
  };
}

/** Text to number; what is not a number goes to the API as typed, so its 422 names the field. */
const num = (text: string): number =>
  text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : (text as never);

export function campaignType(draft: CampaignDraft): "email" | "linkedin" | "mixed" {
  const channels = new Set(draft.steps.map((s) => s.channel));
  return channels.size > 1 ? "mixed" : channels.has("linkedin") ? "linkedin" : "email";
}

export function toRequestBody(draft: CampaignDraft): CampaignCreate {
  const hasLinkedIn = draft.steps.some((s) => s.channel === "linkedin");
  return {
    name: draft.name,
    description: draft.description.trim() || null,
    dataset_id: draft.dataset_id,
    type: campaignType(draft),
    alias_ids: draft.steps.some((s) => s.channel === "email") ? draft.alias_ids : [],
    connected_account_id: hasLinkedIn && draft.connected_account_id ? draft.connected_account_id : null,
    launch_type: draft.launch_type,
    start_date:
      draft.launch_type === "scheduled" && draft.start_date ? new Date(draft.start_date).toISOString() : null,
    timezone: draft.timezone,
    send_days: WEEKDAYS.filter((d) => draft.send_days.includes(d)),
    sending_window_start: draft.sending_window_start,
    sending_window_end: draft.sending_window_end,
    daily_limit: num(draft.daily_limit),
    min_interval_seconds: num(draft.min_interval_seconds),
    unreviewed_launch_policy: draft.unreviewed_launch_policy,
    steps: draft.steps.map((s, i) => ({
      step: i + 1,
      delay_days: num(s.delay_days),
      channel: s.channel,
      track_clicks: s.track_clicks,
      ai_personalization_enabled: s.channel === "email" && s.ai_personalization_enabled,
      ...(s.channel === "linkedin"
        ? { action_type: (s.action_type || null) as never, message_template: s.message_template || null }
        : {}),
      variants: s.variants.map((v) => ({
        label: v.label,
        weight: num(v.weight),
        type: v.type,
        template_id: v.template_id || null,
      })),
    })),
  };
}

/** Every field key the editor shows, for placing the API's 422 issues. */
export function fieldKeys(draft: CampaignDraft): string[] {
  const keys = [
    "name",
    "description",
    "dataset_id",
    "alias_ids",
    "connected_account_id",
    "launch_type",
    "start_date",
    "timezone",
    "send_days",
    "sending_window_start",
    "sending_window_end",
    "daily_limit",
    "min_interval_seconds",
    "steps",
  ];
  draft.steps.forEach((step, i) => {
    const s = `steps.${i}`;
    keys.push(
      s,
      `${s}.delay_days`,
      `${s}.channel`,
      `${s}.action_type`,
      `${s}.message_template`,
      `${s}.variants`,
    );
    step.variants.forEach((_, j) => {
      keys.push(`${s}.variants.${j}.label`, `${s}.variants.${j}.weight`, `${s}.variants.${j}.template_id`);
    });
  });
  return keys;
}

/**
 * Checks the API cannot make for us because they are about intent: a weight must be a positive number,
 * and each variant's share of the step is shown so "50 / 30" reads as 62.5% / 37.5%, not as a mistake.
 */
export function weightShares(step: StepDraft): { shares: (number | null)[]; problem: string | null } {
  const weights = step.variants.map((v) => Number(v.weight));
  const valid = weights.every((w) => Number.isFinite(w) && w > 0);
  if (!valid) return { shares: weights.map(() => null), problem: "Every weight must be a number above 0." };
  const sum = weights.reduce((a, b) => a + b, 0);
  return { shares: weights.map((w) => (w / sum) * 100), problem: null };
}

/** Local problems found before sending (field key -> message). */
export function localIssues(draft: CampaignDraft): Map<string, string> {
  const issues = new Map<string, string>();
  draft.steps.forEach((step, i) => {
    const { problem } = weightShares(step);
    if (problem) {
      step.variants.forEach((v, j) => {
        const w = Number(v.weight);
        if (!(Number.isFinite(w) && w > 0))
          issues.set(`steps.${i}.variants.${j}.weight`, "must be a number above 0");
      });
    }
  });
  if (draft.send_days.length === 0) issues.set("send_days", "pick at least one day");
  return issues;
}
