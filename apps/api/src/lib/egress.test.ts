import { describe, expect, it } from "vitest";
import { egressProblem, hostnameEgressProblem, smtpHostEgressProblem, urlEgressProblem } from "./egress";

// These run inside workerd, so `new URL` is the parser a deployed Worker's fetch uses.

const REFUSED_URLS = [
  // loopback, in every spelling the URL parser accepts
  "https://127.0.0.1/",
  "https://127.1/",
  "https://0x7f000001/",
  "https://2130706433/",
  "https://0177.0.0.1/",
  "https://0x7f.0.0.1/",
  "https://127.000.000.001/",
  "https://[::1]/",
  "https://[0:0:0:0:0:0:0:1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://[::ffff:7f00:1]/",
  "https://[::127.0.0.1]/",
  // private, shared and link-local
  "https://10.0.0.1/",
  "https://172.16.5.4/",
  "https://192.168.1.1/",
  "https://100.64.0.1/",
  "https://100.100.100.200/", // a cloud's metadata service, inside 100.64/10
  "https://169.254.169.254/latest/meta-data/",
  "https://0xa9fea9fe/", // 169.254.169.254 in hex
  "https://2852039166/", // and in decimal
  "https://[fe80::1]/",
  "https://[fd00:ec2::254]/", // a cloud's IPv6 metadata service (ULA)
  "https://[fc00::1]/",
  "https://[::ffff:10.0.0.1]/",
  "https://[::ffff:169.254.169.254]/",
  "https://[64:ff9b::7f00:1]/", // NAT64 of 127.0.0.1
  "https://[2002:7f00:1::]/", // 6to4 of 127.0.0.1
  // unspecified, broadcast, multicast
  "https://0.0.0.0/",
  "https://0/",
  "https://[::]/",
  "https://255.255.255.255/",
  "https://224.0.0.1/",
  "https://[ff02::1]/",
  // names
  "https://localhost/",
  "https://localhost./",
  "https://LOCALHOST/",
  "https://api.localhost/",
  "https://api.localhost./",
  "https://printer.local/",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://instance-data.ec2.internal/",
  "https://metadata/",
  "https://router.home.arpa/",
  "https://intranet/",
];

const ALLOWED_URLS = [
  "https://hooks.example.com/cadence",
  "https://api.resend.com",
  "https://api1.unipile.com:13111",
  "https://8.8.8.8/",
  "https://[2606:4700:4700::1111]/",
  "https://localhost.example.com/", // a public name that merely contains the word
  "https://internal.example.com/",
];

describe("the egress policy", () => {
  it("sees the host the way workerd's URL parser normalises it", () => {
    expect(new URL("http://0x7f000001/").hostname).toBe("127.0.0.1");
    expect(new URL("http://2130706433/").hostname).toBe("127.0.0.1");
    expect(new URL("http://0177.0.0.1/").hostname).toBe("127.0.0.1");
    expect(new URL("http://127.1/").hostname).toBe("127.0.0.1");
    expect(new URL("http://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
  });

  it("refuses every loopback, private, link-local, metadata and reserved destination", () => {
    for (const url of REFUSED_URLS) expect(urlEgressProblem(url), url).not.toBeNull();
  });

  it("allows public hosts", () => {
    for (const url of ALLOWED_URLS) expect(urlEgressProblem(url), url).toBeNull();
  });

  it("says what the host is", () => {
    expect(urlEgressProblem("https://0x7f000001/")).toBe("127.0.0.1 is a loopback address");
    expect(urlEgressProblem("https://169.254.169.254/")).toContain("link-local");
    expect(urlEgressProblem("https://[::ffff:127.0.0.1]/")).toContain("IPv4-mapped");
    expect(urlEgressProblem("https://localhost./")).toContain("private network name (.localhost)");
    expect(urlEgressProblem("not a url")).toBe("not an absolute URL");
  });

  it("checks SMTP hosts with the same normalisation, bracketed or not", () => {
    for (const host of [
      "127.0.0.1",
      "127.1",
      "2130706433",
      "0x7f000001",
      "0177.0.0.1",
      "[::1]",
      "::1",
      "[::ffff:127.0.0.1]",
      "::ffff:127.0.0.1",
      "localhost",
      "mail.localhost",
      "smtp.internal",
      "10.1.2.3",
      "169.254.169.254",
    ]) {
      expect(smtpHostEgressProblem(host), host).not.toBeNull();
    }
    for (const host of ["smtp.gmail.com", "smtp.acme.com", "8.8.4.4", "[2001:4860:4860::8888]"]) {
      expect(smtpHostEgressProblem(host), host).toBeNull();
    }
    expect(smtpHostEgressProblem("smtp.acme.com:25")).toContain("not a host name");
    expect(smtpHostEgressProblem("a@b.com")).toContain("not a host name");
  });

  it("leaves local development alone", () => {
    expect(egressProblem({ ENVIRONMENT: "local" }, "http://127.0.0.1:9999/")).toBeNull();
    expect(egressProblem({ ENVIRONMENT: "production" }, "https://127.0.0.1/")).not.toBeNull();
    expect(egressProblem({}, "https://127.0.0.1/")).not.toBeNull();
    expect(egressProblem({}, "localhost", "host")).not.toBeNull();
  });

  it("reads hostnames it is given directly", () => {
    expect(hostnameEgressProblem("")).toBe("the host is empty");
    expect(hostnameEgressProblem("example.com.")).toBeNull();
    expect(hostnameEgressProblem("[::]")).toContain("unspecified");
  });
});
