/**
 * The fixture messages in `fixtures/` are written with placeholders for what only a real send knows
 * (the lead's address, the tagged Reply-To, the Message-ID...). `fillFixture` puts real values in and
 * turns line ends into CRLF, as messages travel over SMTP.
 */
export interface FixtureValues {
  lead: string;
  alias: string;
  reply_to: string;
  bounce_to: string;
  tampered_reply_to: string;
  plain_inbound: string;
  message_id: string;
}

export function fillFixture(text: string, values: FixtureValues): string {
  return text
    .replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
      name in values ? values[name as keyof FixtureValues] : whole,
    )
    .replace(/\r?\n/g, "\r\n");
}
