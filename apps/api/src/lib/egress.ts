import ipaddr from "ipaddr.js";
import type { BaseEnv } from "../base-env";
import { isLocal } from "./deployment";

/**
 * Where a deployment may send requests and connections that a tenant configures (webhook URLs,
 * HTTP email and LinkedIn provider base URLs, SMTP hosts, and any other base URL such as an AI
 * provider's): public hosts only. Loopback, private, shared (CGNAT), link-local, unspecified,
 * multicast, broadcast, reserved and cloud metadata addresses are refused, in IPv4 and IPv6, and so
 * are names that only ever mean a machine on a private network (`localhost`, `*.local`, `*.internal`,
 * single-label names). Local development (ENVIRONMENT=local) is exempt: its peers live on loopback.
 *
 * The host is read the way `fetch` will read it: through the WHATWG URL parser, which already turns
 * every spelling of an IPv4 address (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`) into its
 * dotted form and IPv6 into its compressed form, so those spellings cannot slip past a check written
 * for the dotted one. A public name that resolves to a private address is out of reach of a check
 * here (a Worker cannot resolve names), and Cloudflare does not route Workers' requests to private
 * networks; this policy closes what a Worker can see: the literal host.
 */

/** Names under these suffixes (and the names themselves) are private by definition or by common use. */
const PRIVATE_SUFFIXES = [
  "localhost", // RFC 6761: always loopback
  "local", // mDNS (RFC 6762)
  "internal", // reserved for private use; metadata.google.internal, *.ec2.internal
  "localdomain",
  "home.arpa", // RFC 8375: home networks
  "lan",
  "intranet",
  "corp",
  "home",
  "in-addr.arpa",
  "ip6.arpa",
];

const IPV4_DOTTED = /^\d{1,3}(\.\d{1,3}){3}$/;

/** What each ipaddr.js range is, in the words of a 422. Anything that is not `unicast` is refused. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: "an unspecified",
  broadcast: "a broadcast",
  multicast: "a multicast",
  linkLocal: "a link-local (or cloud metadata)",
  loopback: "a loopback",
  carrierGradeNat: "a shared (CGNAT)",
  private: "a private (RFC 1918)",
  uniqueLocal: "a unique local (fc00::/7)",
  ipv4Mapped: "an IPv4-mapped",
  rfc6145: "an IPv4-translated",
  rfc6052: "a NAT64",
  "6to4": "a 6to4",
  teredo: "a Teredo",
  deprecatedSiteLocal: "a site-local",
};

function addressProblem(address: ipaddr.IPv4 | ipaddr.IPv6, shown: string): string | null {
  const range = address.range();
  if (range !== "unicast") return `${shown} is ${RANGE_WORDS[range] ?? "a reserved"} address`;
  // ::a.b.c.d, the deprecated IPv4-compatible form: ipaddr.js calls it unicast, but it names an IPv4 host.
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0))
    return `${shown} is an IPv4-compatible address`;
  return null;
}

/**
 * Why `hostname` (as `new URL(...).hostname` gives it: lower-case, IPv4 dotted, IPv6 in brackets)
 * is not a public destination, or null when it is.
 */
export function hostnameEgressProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (!host) return "the host is empty";
  if (host.startsWith("[") && host.endsWith("]")) {
    const literal = host.slice(1, -1);
    if (!ipaddr.IPv6.isValid(literal)) return `${hostname} is not a valid IPv6 address`;
    return addressProblem(ipaddr.IPv6.parse(literal), hostname);
  }
  if (IPV4_DOTTED.test(host)) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(host)) return `${hostname} is not a valid IPv4 address`;
    return addressProblem(ipaddr.IPv4.parse(host), hostname);
  }
  const suffix = PRIVATE_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`));
  if (suffix) return `${hostname} is a private network name (.${suffix})`;
  if (!host.includes(".")) return `${hostname} is a single-label name, not a public host`;
  return null;
}

/** Why an absolute URL may not be called from a deployment, or null. Unparseable URLs are a problem too. */
export function urlEgressProblem(url: string | URL): string | null {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return "not an absolute URL";
  }
  return hostnameEgressProblem(parsed.hostname);
}

/**
 * Why an SMTP host (a name, an IPv4 address in any spelling, or an IPv6 address with or without
 * brackets) may not be connected to, or null. It goes through the URL parser as an http host so that
 * it is normalised exactly as a URL's would be.
 */
export function smtpHostEgressProblem(host: string): string | null {
  const trimmed = host.trim();
  const literal = trimmed.includes(":") && !trimmed.startsWith("[") ? `[${trimmed}]` : trimmed;
  if (/[/?#@\s\\]/.test(literal)) return `${host} is not a host name`;
  let parsed: URL;
  try {
    parsed = new URL(`http://${literal}/`);
  } catch {
    return `${host} is not a host name`;
  }
  if (parsed.port) return `${host} is not a host name (give the port separately)`;
  return hostnameEgressProblem(parsed.hostname);
}

/**
 * Why a deployment may not reach `target` (a URL, or an SMTP host with `kind: "host"`), or null.
 * Local development reaches anything. For a request's 422, see `assertEgressAllowed`
 * (egress-validation.ts); this form serves send time and any other tenant-configured destination.
 */
export function egressProblem(
  env: Pick<BaseEnv, "ENVIRONMENT">,
  target: string,
  kind: "url" | "host" = "url",
): string | null {
  if (isLocal(env)) return null;
  return kind === "host" ? smtpHostEgressProblem(target) : urlEgressProblem(target);
}
