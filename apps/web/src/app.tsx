import type { Cadence } from "@cadence/sdk";
import { useMemo, useState } from "preact/hooks";
import { Link, Route, Switch, useLocation } from "wouter-preact";
import { Page } from "./components/page";
import { ClientContext, connect } from "./lib/api";
import { forgetKey, readStoredKey } from "./lib/session";
import { CampaignPage } from "./pages/campaign";
import { CampaignEditorPage } from "./pages/campaign-editor";
import { CampaignsPage } from "./pages/campaigns";
import { ConversationPage } from "./pages/conversation";
import { DatasetPage, DatasetsPage } from "./pages/datasets";
import { InboxPage } from "./pages/inbox";
import { LeadPage } from "./pages/lead";
import { PlaygroundPage } from "./pages/playground";
import { PreflightPage } from "./pages/preflight";
import { SendersPage } from "./pages/senders";
import { SignInPage } from "./pages/sign-in";
import { TemplateEditorPage, TemplatesPage } from "./pages/templates";

const NAV = [
  ["/", "Campaigns"],
  ["/datasets", "Datasets"],
  ["/templates", "Templates"],
  ["/senders", "Senders"],
  ["/inbox", "Inbox"],
] as const;

/** A main-menu link, marked as the current page for its whole section (`/campaigns/...` is Campaigns). */
function NavLink({ href, label }: { href: string; label: string }) {
  const [location] = useLocation();
  const active =
    href === "/" ? location === "/" || location.startsWith("/campaigns") : location.startsWith(href);
  return (
    <Link href={href} class={active ? "active" : undefined} aria-current={active ? "page" : undefined}>
      {label}
    </Link>
  );
}

export function App() {
  const [key, setKey] = useState(readStoredKey);
  const [expired, setExpired] = useState(false);
  const client = useMemo<Cadence | null>(
    () =>
      key
        ? connect(key, () => {
            forgetKey();
            setExpired(true);
            setKey(null);
          })
        : null,
    [key],
  );

  if (!client) {
    return (
      <SignInPage
        expired={expired}
        onSignedIn={(k) => {
          setExpired(false);
          setKey(k);
        }}
      />
    );
  }
  const signOut = () => {
    forgetKey();
    setKey(null);
  };
  return (
    <ClientContext.Provider value={client}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Cadence
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <NavLink href={href} label={label} />
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="button button--quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main">
        <Switch>
          <Route path="/" component={CampaignsPage} />
          <Route path="/campaigns/new" component={CampaignEditorPage} />
          <Route path="/campaigns/:id/edit" component={CampaignEditorPage} />
          <Route path="/campaigns/:id/preflight" component={PreflightPage} />
          <Route path="/campaigns/:id/playground" component={PlaygroundPage} />
          <Route path="/campaigns/:id/leads/:leadId/conversation" component={ConversationPage} />
          <Route path="/campaigns/:id/leads/:leadId" component={LeadPage} />
          <Route path="/campaigns/:id" component={CampaignPage} />
          <Route path="/datasets" component={DatasetsPage} />
          <Route path="/datasets/:id" component={DatasetPage} />
          <Route path="/templates" component={TemplatesPage} />
          <Route path="/templates/new" component={TemplateEditorPage} />
          <Route path="/templates/:id" component={TemplateEditorPage} />
          <Route path="/senders" component={SendersPage} />
          <Route path="/inbox" component={InboxPage} />
          <Route>
            <Page title="Not found">
              <p>
                No page here. <Link href="/">Back to the campaigns</Link>.
              </p>
            </Page>
          </Route>
        </Switch>
      </main>
    </ClientContext.Provider>
  );
}
