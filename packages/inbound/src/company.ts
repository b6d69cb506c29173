import freeMailDomains from "free-email-domains";

/**
 * Domains where one address says nothing about another's company: free and disposable mail
 * providers (the `free-email-domains` list: HubSpot's free-domain list plus the maintained disposable
 * lists, about 14,000 domains, shipped as data and refreshed by its releases).
 */
const FREE_MAIL = new Set<string>(freeMailDomains.map((d) => d.toLowerCase()));

/**
 * The company domain of an address, for stopping a whole company on one reply: its domain, or null
 * for a free-mail address (a reply from one Gmail user says nothing about the others) or no address.
 */
export function companyDomain(address: string | null | undefined): string | null {
  const at = address?.lastIndexOf("@") ?? -1;
  if (!address || at < 1) return null;
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, "");
  if (!domain.includes(".") || FREE_MAIL.has(domain)) return null;
  return domain;
}
