import { bench, describe } from "vitest";
import { renderTemplate, type TemplateContent } from "./index";

// A typical ~1 KB HTML email: 7 merge fields in 10 outputs (some with fallbacks), 7 spintax groups
// (one nested), one conditional block and the unsubscribe link.
const content: TemplateContent = {
  subject: '{Quick question|Idea|A thought} for {{ company | default: "your team" }}',
  body: `<p>{Hi|Hello|Hey} {{ first_name | default: "there" }},</p>
<p>I noticed {{ company }} is hiring for {{ title | default: "your team" }} roles, and {I thought|I wondered if} you
might be the right person to ask. We help teams like yours {cut onboarding time {in half|by 50%}|ship faster}
without adding headcount.</p>
{% if city %}<p>We are also working with a few teams in {{ city }} this quarter.</p>{% endif %}
<p>Would it make sense to talk for 15 minutes next week? If not, no worries at all; just let me know and I
will not follow up again. {Either way|In any case}, here is a short case study from a team similar to
{{ company }}: <a href="https://cadence.example/case-study?utm_source=email">how Acme cut onboarding in half</a>.</p>
<p>{Best|Cheers|Thanks},<br>{{ sender_name }}<br>{{ sender_title | default: "" }}</p>
<p style="font-size:12px;color:#888">You are receiving this because {{ company }} is listed publicly as a
potential partner. <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
`,
};

const rows = Array.from({ length: 1000 }, (_, i) => ({
  email: `lead${i}@example.com`,
  first_name: i % 10 === 0 ? "" : `Lead${i}`,
  last_name: "Example",
  company: `Company ${i % 50}`,
  title: i % 3 === 0 ? "" : "Engineering",
  city: i % 2 === 0 ? "Berlin" : "",
}));
const reserved = {
  unsubscribe_url: "https://cadence.example/u/abc123?sig=def456",
  sender_name: "Ada Lovelace",
  sender_title: "Founder",
};

let i = 0;
describe(`renderTemplate, ${content.subject.length + content.body.length}-character HTML template`, () => {
  bench("hot path: one action, parsed template cached", () => {
    const row = rows[i++ % rows.length] ?? {};
    renderTemplate(content, row, { seed: `campaign-1:lead-${i}:0`, html: true, reserved });
  });

  // Every iteration is a template source never seen before: spintax parse + Liquid parse + render.
  bench("cold: first render of a new template", () => {
    const row = rows[i++ % rows.length] ?? {};
    const fresh = { subject: content.subject, body: `${content.body}<!-- ${i} -->` };
    renderTemplate(fresh, row, { seed: `campaign-1:lead-${i}:0`, html: true, reserved });
  });
});
