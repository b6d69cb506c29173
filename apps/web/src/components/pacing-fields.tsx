import { useMemo } from "preact/hooks";
import { type CampaignDraft, WEEKDAYS } from "../lib/campaign-draft";
import { controlProps, Field } from "./field";

const DAY_NAMES: Record<string, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** Every IANA zone the browser knows (the API checks the same names), UTC first. */
function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

/** Sending window, send days, time zone, daily limit and spacing; optional scheduled start. */
export function PacingFields({
  draft,
  set,
  errors,
}: {
  draft: CampaignDraft;
  set: <K extends keyof CampaignDraft>(key: K, value: CampaignDraft[K]) => void;
  errors: Map<string, string[]>;
}) {
  const zones = useMemo(timeZones, []);
  const zoneList = zones.includes(draft.timezone) ? zones : [draft.timezone, ...zones];
  const now = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(undefined, {
        timeZone: draft.timezone,
        timeStyle: "short",
        weekday: "short",
      }).format(new Date());
    } catch {
      return null;
    }
  }, [draft.timezone]);
  const toggleDay = (day: string, on: boolean) =>
    set("send_days", on ? [...draft.send_days, day] : draft.send_days.filter((d) => d !== day));

  return (
    <section aria-labelledby="pacing-heading">
      <h2 id="pacing-heading">Pacing</h2>
      <div class="card">
        <div class="grid-3">
          <Field
            name="timezone"
            label="Time zone"
            hint={now ? `It is ${now} there now.` : undefined}
            errors={errors.get("timezone")}
          >
            <select
              {...controlProps("timezone", errors.get("timezone"), Boolean(now))}
              value={draft.timezone}
              onChange={(e) => set("timezone", e.currentTarget.value)}
            >
              {zoneList.map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          </Field>
          <Field name="sending_window_start" label="Window opens" errors={errors.get("sending_window_start")}>
            <input
              {...controlProps("sending_window_start", errors.get("sending_window_start"))}
              type="time"
              step="1"
              required
              value={draft.sending_window_start}
              onInput={(e) => set("sending_window_start", e.currentTarget.value)}
            />
          </Field>
          <Field
            name="sending_window_end"
            label="Window closes"
            hint="Before the opening time: the window runs past midnight."
            errors={errors.get("sending_window_end")}
          >
            <input
              {...controlProps("sending_window_end", errors.get("sending_window_end"), true)}
              type="time"
              step="1"
              required
              value={draft.sending_window_end}
              onInput={(e) => set("sending_window_end", e.currentTarget.value)}
            />
          </Field>
        </div>
        <fieldset
          class={`days${errors.get("send_days") ? " field--invalid" : ""}`}
          aria-describedby={errors.get("send_days") ? "f-send_days-error" : undefined}
        >
          <legend>Send days</legend>
          <div class="day-list" id="f-send_days">
            {WEEKDAYS.map((day) => (
              <label class="choice" key={day}>
                <input
                  type="checkbox"
                  name="send_days"
                  value={day}
                  checked={draft.send_days.includes(day)}
                  onChange={(e) => toggleDay(day, e.currentTarget.checked)}
                />{" "}
                <abbr title={DAY_NAMES[day]}>{day}</abbr>
              </label>
            ))}
          </div>
          {errors.get("send_days") && (
            <p class="field-error" id="f-send_days-error">
              {errors.get("send_days")!.join("; ")}
            </p>
          )}
        </fieldset>
        <div class="grid-3">
          <Field
            name="daily_limit"
            label="Daily limit"
            hint="Actions a day, at most."
            errors={errors.get("daily_limit")}
          >
            <input
              {...controlProps("daily_limit", errors.get("daily_limit"), true)}
              type="number"
              inputMode="numeric"
              value={draft.daily_limit}
              onInput={(e) => set("daily_limit", e.currentTarget.value)}
            />
          </Field>
          <Field
            name="min_interval_seconds"
            label="Minimum interval (seconds)"
            hint="Between two actions of this campaign."
            errors={errors.get("min_interval_seconds")}
          >
            <input
              {...controlProps("min_interval_seconds", errors.get("min_interval_seconds"), true)}
              type="number"
              inputMode="numeric"
              value={draft.min_interval_seconds}
              onInput={(e) => set("min_interval_seconds", e.currentTarget.value)}
            />
          </Field>
          <Field name="launch_type" label="Start" errors={errors.get("launch_type")}>
            <select
              {...controlProps("launch_type", errors.get("launch_type"))}
              value={draft.launch_type}
              onChange={(e) => set("launch_type", e.currentTarget.value as CampaignDraft["launch_type"])}
            >
              <option value="immediate">As soon as it is launched</option>
              <option value="scheduled">At a date and time</option>
            </select>
          </Field>
          {draft.launch_type === "scheduled" && (
            <Field name="start_date" label="Start at (your local time)" errors={errors.get("start_date")}>
              <input
                {...controlProps("start_date", errors.get("start_date"))}
                type="datetime-local"
                value={draft.start_date}
                onInput={(e) => set("start_date", e.currentTarget.value)}
              />
            </Field>
          )}
        </div>
      </div>
    </section>
  );
}
