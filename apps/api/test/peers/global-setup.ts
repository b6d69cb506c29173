import http from "node:http";
import type { AddressInfo } from "node:net";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { TestProject } from "vitest/node";
import { startAiProviderPeer } from "./ai-provider";
import { startEmailProviderPeer } from "./email-provider";
import { startLinkedInProviderPeer } from "./linkedin-provider";
import type { AiPeerInfo, EmailProviderInfo, LinkedInProviderInfo, SmtpPeerInfo } from "./peer-types";
import { startSmtpPeer } from "./smtp";
import { startWebhookReceiver } from "./webhook-receiver";

/**
 * Runs in Node beside the workerd test pool: real peers the Worker talks to over loopback, and
 * checks that need Node-only libraries (the OpenAPI validator reads its schemas from disk).
 */
export default async function setup(project: TestProject) {
  const smtp = await startSmtpPeer();
  const emailProvider = await startEmailProviderPeer();
  const linkedInProvider = await startLinkedInProviderPeer();
  const webhookReceiver = await startWebhookReceiver();
  const aiProvider = await startAiProviderPeer();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    if (smtp.handle(req, res, new URL(req.url ?? "/", "http://peer"), body)) return;
    if (req.method === "POST" && req.url === "/openapi/validate") {
      const validator = new Validator();
      const result = await validator.validate(JSON.parse(body));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ valid: result.valid, errors: result.errors ?? [], version: validator.version }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("peerUrl", `http://127.0.0.1:${port}`);
  project.provide("smtp", smtp.info);
  project.provide("emailProvider", emailProvider.info);
  project.provide("linkedInProvider", linkedInProvider.info);
  project.provide("webhookReceiverUrl", webhookReceiver.url);
  project.provide("aiProvider", aiProvider.info);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await smtp.close();
    await emailProvider.close();
    await linkedInProvider.close();
    await webhookReceiver.close();
    await aiProvider.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    peerUrl: string;
    smtp: SmtpPeerInfo;
    emailProvider: EmailProviderInfo;
    linkedInProvider: LinkedInProviderInfo;
    webhookReceiverUrl: string;
    aiProvider: AiPeerInfo;
  }
}
