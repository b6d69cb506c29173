import type { Channel, OutboundAction, ReconcileOutcome, SendOutcome } from "./types";

/**
 * The local default transport: the fully rendered message is stored in the campaign object's own
 * SQLite for inspection. Writing is keyed by the action key, so a repeat can never store twice,
 * and reconciliation after a crash is exact.
 */
export class CaptureChannel implements Channel {
  constructor(
    private readonly sql: SqlStorage,
    private readonly now: () => number,
  ) {}

  async send(action: OutboundAction): Promise<SendOutcome> {
    // Action keys are `campaign:row:step`.
    const [, row, stepNo] = action.key.split(":");
    const rowIndex = Number(row);
    const step = Number(stepNo);
    if (action.kind === "email") {
      this.sql.exec(
        `INSERT INTO messages (action_key, row_index, step, channel, recipient, subject, text_body, html_body, headers, created_at)
         VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?) ON CONFLICT (action_key) DO NOTHING`,
        action.key,
        rowIndex,
        step,
        action.to,
        action.subject,
        action.text,
        action.html,
        JSON.stringify({
          ...action.headers,
          ...(action.envelopeFrom ? { "Return-Path": `<${action.envelopeFrom}>` } : {}),
          From: action.from.name ? `${action.from.name} <${action.from.email}>` : action.from.email,
          To: action.to,
          Subject: action.subject,
        }),
        this.now(),
      );
    } else {
      this.sql.exec(
        `INSERT INTO messages (action_key, row_index, step, channel, recipient, subject, text_body, html_body, headers, created_at)
         VALUES (?, ?, ?, 'linkedin', ?, ?, ?, NULL, ?, ?) ON CONFLICT (action_key) DO NOTHING`,
        action.key,
        rowIndex,
        step,
        action.profileUrl,
        action.subject,
        action.text,
        JSON.stringify({ action_type: action.actionType }),
        this.now(),
      );
    }
    return { kind: "sent", providerId: `capture:${action.key}` };
  }

  async reconcile(key: string): Promise<ReconcileOutcome> {
    const found = this.sql.exec("SELECT 1 FROM messages WHERE action_key = ?", key).toArray().length > 0;
    return found ? "sent" : "not_sent";
  }
}
