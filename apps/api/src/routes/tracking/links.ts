import type { Context } from "hono";
import { html } from "hono/html";
import { applyInboundEvent } from "../../campaign/worker/inbound";
import { campaignStub } from "../../campaign/worker/stub";
import type { AppEnv } from "../../env";
import { verifyLinkToken } from "../../lib/link-tokens";
import { log } from "../../lib/log";
import type { App } from "../../router";

/**
 * Public link endpoints inside emails (no API key: the signed token is the credential). A tampered,
 * truncated or foreign token is 400 and never redirects anywhere.
 */

const page = (title: string, body: ReturnType<typeof html>) =>
  html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.6rem 1.2rem}</style></head>
<body>${body}</body></html>`;

const invalid = (c: Context<AppEnv>) =>
  c.html(
    page("Invalid link", html`<h1>This link is not valid</h1><p>It may have been altered or cut short.</p>`),
    400,
  );

async function campaignOwner(c: Context<AppEnv>, campaignId: string) {
  return c.env.DB.prepare("SELECT user_id FROM campaigns WHERE id = ?")
    .bind(campaignId)
    .first<{ user_id: string }>();
}

export function registerTrackingLinks(app: App) {
  // GET only asks: mail scanners follow links, so nothing changes until the form is posted.
  app.get("/u/:token", async (c) => {
    const token = await verifyLinkToken(c.env, c.req.param("token"));
    if (token?.k !== "u") return invalid(c);
    return c.html(
      page(
        "Unsubscribe",
        html`<h1>Unsubscribe</h1><p>Stop receiving these emails?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      ),
    );
  });

  // RFC 8058 one-click: POST with List-Unsubscribe=One-Click (or the form above) suppresses and stops.
  app.post("/u/:token", async (c) => {
    const token = await verifyLinkToken(c.env, c.req.param("token"));
    if (token?.k !== "u") return invalid(c);
    const owner = await campaignOwner(c, token.c);
    if (owner) {
      await applyInboundEvent(c.env, owner.user_id, {
        type: "unsubscribed",
        campaignId: token.c,
        rowIndex: token.r,
      });
    }
    return c.html(
      page(
        "Unsubscribed",
        html`<h1>You are unsubscribed</h1><p>You will not receive further emails from this sender.</p>`,
      ),
    );
  });

  // Redirects only to a link the lead's sent email carried: a valid token alone is not enough, so
  // the endpoint cannot serve as an open redirect.
  app.get("/c/:token", async (c) => {
    const token = await verifyLinkToken(c.env, c.req.param("token"));
    if (token?.k !== "c" || !token.url || !/^https?:\/\//i.test(token.url)) return invalid(c);
    let recorded = false;
    try {
      if (await campaignOwner(c, token.c))
        recorded = await campaignStub(c.env, token.c).recordClick(token.r, token.s ?? null, token.url);
    } catch (err) {
      log("warn", "click not checked", { campaign_id: token.c, error: String(err) });
      return c.html(
        page(
          "Try again",
          html`<h1>This link cannot be opened right now</h1><p>Please try again in a moment.</p>`,
        ),
        503,
      );
    }
    if (!recorded) return invalid(c);
    return c.redirect(token.url, 302);
  });
}
