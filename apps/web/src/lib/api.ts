import {
  type Cadence,
  CadenceApiError,
  CadenceConnectionError,
  createCadence,
  type ValidationIssue,
} from "@cadence/sdk";
import { createContext } from "preact";
import { useContext } from "preact/hooks";

/**
 * Every call goes through the SDK, to the API served from the dashboard's own origin. `onUnauthorized`
 * runs when the API answers 401 (the key was revoked while the tab was open).
 */
export function connect(apiKey: string, onUnauthorized?: () => void): Cadence {
  return createCadence({
    apiKey,
    baseUrl: window.location.origin,
    retry: { maxRetries: 2 },
    fetch: async (request) => {
      const response = await fetch(request);
      if (response.status === 401) onUnauthorized?.();
      return response;
    },
  });
}

export const ClientContext = createContext<Cadence | null>(null);

export function useClient(): Cadence {
  const client = useContext(ClientContext);
  if (!client) throw new Error("useClient outside a signed-in session");
  return client;
}

export interface Problem {
  /** A sentence for people. */
  message: string;
  /** The API's stable code (`VALIDATION_ERROR`, `CAMPAIGN_NOT_DRAFT`...), when the API answered. */
  code: string | null;
  status: number | null;
  requestId: string | null;
  /** 422 issues with `loc` (`["body", "steps", 0, "delay_days"]`). */
  issues: ValidationIssue[];
}

/** Whatever a call threw, as something the page can show. */
export function toProblem(error: unknown): Problem {
  if (error instanceof CadenceApiError) {
    return {
      message: error.message,
      code: error.detail,
      status: error.status,
      requestId: error.request_id,
      issues: error.errors,
    };
  }
  if (error instanceof CadenceConnectionError) {
    return {
      message: "The API could not be reached.",
      code: null,
      status: null,
      requestId: null,
      issues: [],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, code: null, status: null, requestId: null, issues: [] };
}
