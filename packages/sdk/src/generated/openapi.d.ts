// Generated from packages/sdk/openapi.json by openapi-typescript. Do not edit:
// after changing a route, run `pnpm --filter @cadence/sdk generate`.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health check for uptime monitors and load balancers (no authentication)
         * @description 200 when the deployment can serve: its configuration is usable and D1 answers. 503 otherwise, saying which check failed but never which setting: the 500 DEPLOYMENT_MISCONFIGURED of any other route names it. Answered even on a misconfigured deployment, so a monitor sees the difference between down and misconfigured. Carries no secret, setting value or tenant data.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description Not ready */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user the API key belongs to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The current user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the user's active API keys (never the keys themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Active keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key; the raw key is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ApiKeyCreate"];
                };
            };
            responses: {
                /** @description The new key, shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyCreated"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (it stops working at once) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List campaigns, newest first */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    /** @description case-insensitive substring of the name */
                    name?: string;
                    status?: "draft" | "launching" | "scheduled" | "active" | "draining" | "paused" | "completed" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of campaigns */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Create a campaign (status draft) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CampaignCreate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a campaign */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a draft campaign */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a campaign (omitted = unchanged, null clears)
         * @description steps, dataset_id, type, alias_ids and connected_account_id are locked once launched (409 CAMPAIGN_LOCKED). Pacing fields may change at any time and apply from the next send.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CampaignUpdate"];
                };
            };
            responses: {
                /** @description The updated campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/preflight": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a campaign for launch without changing anything
         * @description Returns the launch summary, every warning (row-level and campaign-level) and the blocking reasons (`errors`) a launch would meet. No side effects.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The launch check */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PreflightResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Launch Campaign
         * @description Checks the campaign, freezes its steps, template content and lead rows, and hands it to its campaign object, which loads the leads and starts sending (or waits for `start_date`). 422 LAUNCH_BLOCKED leaves the campaign a draft; a launch of anything but a draft (or a failed launch) is 409 CAMPAIGN_NOT_DRAFT; of racing launches exactly one succeeds.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Successful Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LaunchResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a live campaign; once this returns no new action starts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PauseRequest"];
                };
            };
            responses: {
                /** @description The paused campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused campaign exactly where it stopped */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The resumed campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plan: next planned actions, why nothing is sending now, projected finish
         * @description Computed by the same code that decides real sends. `not_sending_reason` is one of outside_window, not_a_send_day, daily_limit_reached, waiting_min_interval, waiting_for_delay, paused, scheduled_start, launching, no_pending_leads.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduleResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals, per step and per variant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Campaign statistics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignStats"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Campaign leads with their state */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    status?: "pending" | "sending" | "active" | "completed" | "stopped" | "failed";
                };
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of leads */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignLeadList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead's timeline */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                    campaign_lead_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The lead's events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadEventList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages captured by the capture transport (extension) */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    campaign_lead_id?: string;
                };
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of captured messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CapturedMessageList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/conversation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The lead's thread: what was sent and what came back, in order
         * @description Outbound items come from the campaign's own record of its sends (`sent` and `failed`; a sent email with its subject, text and Message-ID); inbound items are the lead's messages in the inbox, with their classification as `status`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                    campaign_lead_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The conversation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Conversation"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Inbound messages (replies, automatic replies, bounces, complaints), newest first
         * @description Every message that came back through INBOUND_DOMAIN and was matched to one of your campaigns' emails, with what Cadence read it as (`classification`), how it was matched (`matched_by`) and the facts it found (`details`: an auto-reply's return_date, a bounce's status and recipient...). Filter by `campaign_id`, `campaign_lead_id`, `classification`.
         */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    campaign_id?: string;
                    campaign_lead_id?: string;
                    classification?: "reply" | "unsubscribe_request" | "auto_reply" | "hard_bounce" | "soft_bounce" | "complaint";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of inbound messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List datasets, newest first */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of datasets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DatasetList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Import a dataset from CSV (streamed; name in ?name=) or JSON rows
         * @description CSV headers (and JSON row keys) naming a well-known field, compared without case or punctuation (`E-mail`, `First Name`, `LinkedIn URL`, `Time Zone`), are stored under `email`, `first_name`, `last_name`, `company`, `title`, `linkedin_url`, `timezone` (also `Email Address`, `Company Name`, `Job Title` and `LinkedIn` when no column has the exact name); every other column is kept as a merge field under its normalised name (`Job Title (2)` -> `job_title_2`). At most 1,000,000 rows and 100 columns per import; CSV bodies up to 100 MB, JSON up to 50 MB. The import is all or nothing: a CSV problem is 422 INVALID_CSV with its line in `errors[].loc` (`["body", "line", 7]`) and leaves nothing behind.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Dataset name; required with `Content-Type: text/csv` */
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                    "application/json": components["schemas"]["DatasetImportJson"];
                };
            };
            responses: {
                /** @description Imported */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DatasetResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR) or the CSV is invalid (INVALID_CSV, with the line) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{dataset_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a dataset */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dataset_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The dataset */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DatasetResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a dataset and its rows (409 while a live campaign uses it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dataset_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description A live campaign uses the dataset (RESOURCE_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{dataset_id}/rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a dataset's rows in file order */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path: {
                    dataset_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of rows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DatasetRowList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an inbound event about a lead (reply, bounce, unsubscribe, complaint)
         * @description Stops the lead's remaining steps at once, including a step already due. By `campaign_lead_id`, or by `email` (within `campaign_id`, or across every live campaign of the user). Unsubscribes and complaints also suppress the address.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboundEvent"];
                };
            };
            responses: {
                /** @description Applied */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboundEventResult"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List templates, newest first */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    /** @description case-insensitive substring of the name */
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of templates */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a template
         * @description The subject and body are checked by the templating engine: a syntax error is 422.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TemplateCreate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{template_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a template */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    template_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The template */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a template
         * @description 409 RESOURCE_IN_USE while a live campaign (launching, scheduled, active, draining, paused) uses it. Drafts may reference a deleted template; their preflight reports it missing.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    template_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a template (omitted = unchanged)
         * @description Launched campaigns keep the content they were launched with; an edit applies to drafts and later launches.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    template_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TemplateUpdate"];
                };
            };
            responses: {
                /** @description The updated template */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/templates/{template_id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Render a template for one dataset row or for literal data
         * @description A dataset row renders with the same spintax choices as the real send to that lead. `{{ unsubscribe_url }}` renders as `<origin>/u/preview`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    template_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TemplatePreviewRequest"];
                };
            };
            responses: {
                /** @description The rendered template */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplatePreview"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sender-profiles/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sender profiles, oldest first */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of sender profiles */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SenderProfileList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a sender profile (at most 5 per user)
         * @description The first profile becomes the default; `is_default: true` moves the default to the new one. A sixth profile is 409 LIMIT_REACHED.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SenderProfileCreate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SenderProfileResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sender-profiles/{sender_profile_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a sender profile */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sender_profile_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sender profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SenderProfileResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a sender profile
         * @description Deleting the default makes the oldest remaining profile the default.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sender_profile_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a sender profile (omitted = unchanged, null clears)
         * @description `is_default: true` makes it the default and clears the others. `is_default: false` on the default is 422: make another profile the default instead.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sender_profile_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SenderProfileUpdate"];
                };
            };
            responses: {
                /** @description The updated sender profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SenderProfileResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/suppressions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List suppressed addresses and domains, newest first */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    /** @description case-insensitive substring of the value */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of suppressions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SuppressionList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Suppress an address or a whole domain (or up to 1000 at once)
         * @description Body `{"value": "ada@example.com"}` or `{"value": "example.com"}`; values are trimmed and lower-cased. 201 with the new suppression, or 200 with the existing one when the value is already suppressed. With `{"values": [...]}` the answer is a SuppressionBulkResult (201 when anything was added, else 200); one invalid value rejects the whole request.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SuppressionCreate"];
                };
            };
            responses: {
                /** @description Already suppressed: the existing entry (or entries) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Suppression"] | components["schemas"]["SuppressionBulkResult"];
                    };
                };
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Suppression"] | components["schemas"]["SuppressionBulkResult"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppressions/{suppression_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a suppression
         * @description Leads already stopped because of it stay stopped; it no longer blocks new launches or sends.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    suppression_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks, newest first (secrets are never returned) */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of webhooks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe a URL to events; the signing secret is in this response only
         * @description Events: lead.sent, lead.failed, lead.replied, lead.auto_replied, lead.bounced, lead.unsubscribed, lead.complained, lead.clicked, campaign.status_changed, campaign.guard_tripped, campaign.ab_winner, or `["*"]` for all. Deliveries are signed with the returned secret (see the Cadence-Signature header). At most 20 webhooks per user (409 LIMIT_REACHED).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookCreate"];
                };
            };
            responses: {
                /** @description The webhook and its secret, shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookWithSecret"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook (without its secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The webhook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Webhook"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a webhook and its delivery log
         * @description Pending retries are dropped.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a webhook's url, events or active flag (omitted = unchanged)
         * @description Retries still pending use the current url and secret. Deactivating a webhook stops new deliveries, and pending retries end as failed.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookUpdate"];
                };
            };
            responses: {
                /** @description The updated webhook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Webhook"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the signing secret; the new one is in this response only
         * @description Takes effect at once: every delivery attempt from now on, including retries of earlier events, is signed with the new secret.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The webhook and its new secret, shown once */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookWithSecret"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook's delivery log, newest first; filter `status` */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    status?: "pending" | "delivered" | "failed";
                };
                header?: never;
                path: {
                    webhook_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/aliases/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sending mailboxes, newest first */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of aliases */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AliasList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a sending mailbox
         * @description transport is SMTP, a Resend-compatible HTTP API, or capture (the default: messages are stored for inspection). Passwords and API keys are write-only and stored encrypted.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AliasCreate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alias"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/aliases/{alias_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a sending mailbox */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alias_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The alias */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alias"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a sending mailbox
         * @description 409 RESOURCE_IN_USE while a live campaign (launching, scheduled, active, draining, paused) sends from it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alias_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a sending mailbox (omitted = unchanged)
         * @description transport is replaced as a whole; sent without its password or api_key it keeps the stored secret when its kind is unchanged.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alias_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AliasUpdate"];
                };
            };
            responses: {
                /** @description The updated alias */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alias"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/aliases/{alias_id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check that the alias can send
         * @description smtp: connects, EHLO, STARTTLS when the alias asks for it, AUTH, then QUIT; nothing is sent. http: GET {base_url}/domains with the API key. capture: always ok. The answer is 200 either way: {ok: false, error} carries the server's or provider's own reply.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alias_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The result of the check */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AliasVerifyResult"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connected-accounts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connected accounts, newest first */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of connected accounts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConnectedAccountList"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Connect a LinkedIn account reached through a provider API
         * @description api_key is write-only and stored encrypted; responses only say has_api_key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConnectedAccountCreate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConnectedAccount"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Payload too large (PAYLOAD_TOO_LARGE) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connected-accounts/{connected_account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a connected account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connected_account_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The connected account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConnectedAccount"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a connected account
         * @description 409 RESOURCE_IN_USE while a live campaign (launching, scheduled, active, draining, paused) acts through it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connected_account_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a connected account (omitted = unchanged, null clears display_name)
         * @description api_key, when given, replaces the stored key.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connected_account_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConnectedAccountUpdate"];
                };
            };
            responses: {
                /** @description The updated connected account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConnectedAccount"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a user and its first API key (operator only); the raw key is in this response only
         * @description Authenticated with the deployment's ADMIN_TOKEN secret, not with a user's API key. The new key then works on every tenant route (`GET /api/v1/auth/me`). Audited in the logs as `admin.user_created` (ids and key prefix, never the key).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["AdminUserCreate"];
                };
            };
            responses: {
                /** @description The user and its key, shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUserCreated"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing or wrong admin token (UNAUTHORIZED); a user's API key is refused too */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description ADMIN_TOKEN is not set on this deployment (ADMIN_DISABLED) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description More admin requests a minute from this address than ADMIN_RATE_LIMIT_PER_MINUTE (RATE_LIMITED) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/secrets/re-encrypt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rewrite stored secrets under the current SECRETS_KEY (operator only)
         * @description After rotating SECRETS_KEY (the old key kept in SECRETS_KEY_PREVIOUS): decrypts every stored secret with whichever configured key opened it and encrypts it again under SECRETS_KEY. Bounded work per call: repeat until `complete` is true, then remove the old key. Returns counts only, never a secret.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What was rewritten and what is left */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SecretsReEncryptResult"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing or wrong admin token (UNAUTHORIZED); a user's API key is refused too */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description ADMIN_TOKEN is not set on this deployment (ADMIN_DISABLED) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description More admin requests a minute from this address than ADMIN_RATE_LIMIT_PER_MINUTE (RATE_LIMITED) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ai/provider": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The AI provider your generations use
         * @description Yours when you set one, else the deployment's (`source`). `configured: false` with `problem` says why generation is unavailable and how to fix it. The API key is never returned: `has_api_key`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The provider in use */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AiProviderResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Set your own AI provider
         * @description Any OpenAI-compatible Chat Completions endpoint (OpenAI, Groq, Together, OpenRouter; locally Ollama, vLLM or llama.cpp's server), or `workers_ai` when the deployment binds Workers AI. `api_key` is write-only and stored encrypted. Outside local development `base_url` must be https.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AiProviderUpdate"];
                };
            };
            responses: {
                /** @description The provider now in use */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AiProviderResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        /** Remove your own AI provider (the deployment's applies again) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed (or there was none) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/personalize/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync preview of a personalized email for a single lead
         * @description Generates (or reads from the store, for inputs seen before) one email for `lead_data` or a dataset row. Prompt: `custom_prompt`, else the sender profile's `sender_data.custom_prompt`, else the built-in one (`prompt_source`). Lead and sender data reach the model as data, never as instructions. 409 AI_NOT_CONFIGURED without a provider; 429 AI_DAILY_BUDGET_EXHAUSTED; 502 AI_GENERATION_FAILED when the provider fails after its retries or answers unusable output twice.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PersonalizePreviewRequest"];
                };
            };
            responses: {
                /** @description The generated email */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PersonalizePreviewResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description An upstream provider failed (e.g. AI_GENERATION_FAILED) */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/personalize/preview/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Batch preview (SSE): up to 25 leads, streamed as they complete
         * @description Answers `text/event-stream`: one `lead_result` event per lead as it completes (data: BatchPreviewLeadResult, `index` = its position in `leads`), then one `done` event (data: BatchPreviewDone). Every event echoes `client_run_id` as `batch_id`, so a client can drop events of an older run. A lead that fails is a `lead_result` with `status: error`; the stream goes on. 409 AI_NOT_CONFIGURED (before any event) when there is no provider.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BatchPreviewRequest"];
                };
            };
            responses: {
                /** @description Server-Sent Events: `lead_result` per lead, then `done` */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/playground/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Playground Generate
         * @description Drafts the step's email for up to `n_leads` of its personalized leads (first dataset rows first, only rows the launch would keep), in the background: at most `AI_PLAYGROUND_CONCURRENCY` at a time, the provider's 429/5xx retried with backoff. Each call is a new batch; follow it with `.../playground/status?batch_id=` and read the drafts with `.../playground/drafts?batch_id=`. Leads are keyed by `campaign_lead_id`, the same id the lead has once launched. Leads whose inputs were drafted before are answered from the store.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PlaygroundGenerateRequest"];
                };
            };
            responses: {
                /** @description The batch, queued */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlaygroundGenerateResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/playground/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Playground Status
         * @description Progress of a batch (the campaign's latest without `batch_id`): counts by status, and per lead its status (`pending`, `running`, `done`, `failed`, `cancelled`), error, `has_draft` and the start of the draft's subject. Cheap enough to poll; the drafts themselves come from `.../playground/drafts`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A batch; absent: the campaign's latest batch */
                    batch_id?: string;
                };
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Batch progress */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlaygroundStatusResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/playground/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Playground Drafts
         * @description Subject and body of every drafted lead of the batch, with the `step_config_fingerprint` to send back when approving one. Meant to be read once the batch is done (or on request), not polled.
         */
        get: {
            parameters: {
                query: {
                    /** @description Batch id from POST .../playground/generate */
                    batch_id: string;
                };
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The batch's drafts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlaygroundDraftsResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/playground/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Playground Cancel
         * @description Cancels the batch's leads that have not started (`cancelled_count`); leads being drafted finish and keep their drafts. Cancelling a finished batch cancels nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PlaygroundCancelRequest"];
                };
            };
            responses: {
                /** @description What was cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlaygroundCancelResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve Lead Email
         * @description Freezes the lead's email for one step: it is sent byte for byte (only `{{ unsubscribe_url }}` is filled in) while the step's variant, template and sender profile for this lead are unchanged. `variant_label` must be the lead's assigned variant for the step. With `expected_step_config_fingerprint` (the draft's `step_config_fingerprint`), a step changed since the draft is 422 STEP_CONFIG_CHANGED. Approving again replaces the approval. Subject and body must be sendable: non-empty, no unrendered merge tags.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                    campaign_lead_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ApproveLeadRequest"];
                };
            };
            responses: {
                /** @description The lead's approvals */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadApprovalResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/unapprove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unapprove Lead Email
         * @description Clears the lead's approved email for one step: the step then follows `unreviewed_launch_policy` for this lead. Clearing a step that was not approved changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                    campaign_lead_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UnapproveLeadRequest"];
                };
            };
            responses: {
                /** @description The lead's approvals */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadApprovalResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Approved Emails
         * @description Every approved (frozen) email of the campaign, by dataset row then step, optionally for one step: what each lead will send as approved while its `step_config_fingerprint` still matches the step.
         */
        get: {
            parameters: {
                query?: {
                    offset?: number | null;
                    limit?: number;
                    /** @description Only this step's approvals */
                    step_index?: number;
                };
                header?: never;
                path: {
                    campaign_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of approved emails */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignApprovalsResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset Lead Approvals
         * @description Clears the lead's approved emails for `step_indices`; absent or empty clears every step.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaign_id: string;
                    campaign_lead_id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ResetLeadRequest"];
                };
            };
            responses: {
                /** @description The lead's approvals */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadApprovalResponse"];
                    };
                };
                /** @description Malformed JSON (INVALID_JSON) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Missing, unknown or revoked API key (UNAUTHORIZED) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or owned by another user (NOT_FOUND) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed (VALIDATION_ERROR), with errors[].loc */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limit exceeded (RATE_LIMITED); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One event, POSTed to every subscribed webhook
         * @description Retried with backoff (30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h; 8 attempts in all) until the receiver answers 2xx within 10 s. The body and Cadence-Event-Id are the same on every attempt: deduplicate on the id.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description The event id, stable across retries */
                    "Cadence-Event-Id": string;
                    /** @description t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")> */
                    "Cadence-Signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEventPayload"];
                };
            };
            responses: {
                /** @description Any 2xx acknowledges the delivery; anything else is retried */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        WebhookEventPayload: {
            /** @example 5b0c3f1e-8a53-4d2b-9f7e-2a6f1c9d4e10:42 */
            id: string;
            /** @example lead.replied */
            type: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            data: {
                [key: string]: unknown;
            };
        };
        DatasetImportJson: {
            /** @example Q4 leads */
            name: string;
            /**
             * @description One object per lead; keys are column headers, mapped like CSV headers
             * @example [
             *       {
             *         "Email": "ada@example.com",
             *         "First Name": "Ada",
             *         "Plan": "pro"
             *       }
             *     ]
             */
            rows: {
                [key: string]: string | number | boolean | null;
            }[];
        };
        BatchPreviewLeadResult: {
            batch_id: string;
            /** @description Position of the lead in the request's `leads` (0-based) */
            index: number;
            row_index: number | null;
            /** @enum {string} */
            status: "ok" | "error";
            subject: string | null;
            email_body: string | null;
            /** @enum {string|null} */
            prompt_source: "custom" | "campaign" | "sender_profile" | "default" | null;
            model_used: string | null;
            latency_ms: number;
            from_cache: boolean;
            error: components["schemas"]["GenerationError"];
        };
        GenerationError: {
            code: string;
            message: string;
        } | null;
        BatchPreviewDone: {
            batch_id: string;
            total: number;
            succeeded: number;
            failed: number;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks: {
                /**
                 * @description misconfigured: a required setting is missing or unusable; any other route's 500 DEPLOYMENT_MISCONFIGURED names it
                 * @enum {string}
                 */
                configuration: "ok" | "misconfigured";
                /**
                 * @description A trivial D1 query answered
                 * @enum {string}
                 */
                database: "ok" | "error";
            };
        };
        Me: {
            /** Format: uuid */
            user_id: string;
            email: string | null;
            name: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
        };
        ErrorResponse: {
            /** @example CAMPAIGN_NOT_DRAFT */
            detail: string;
            message: string;
            request_id: string;
            errors?: components["schemas"]["ValidationIssue"][];
        };
        ValidationIssue: {
            loc: (string | number)[];
            msg: string;
            type: string;
        };
        ApiKeyList: {
            keys: components["schemas"]["ApiKey"][];
            count: number;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            key_prefix: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            last_used_at: string | null;
        };
        ApiKeyCreated: components["schemas"]["ApiKey"] & {
            key: string;
        };
        ApiKeyCreate: {
            /** @default default */
            name?: string;
        };
        CampaignList: {
            items: components["schemas"]["CampaignResponse"][];
            total: number;
            offset: number;
            limit: number;
        };
        CampaignResponse: {
            /** Format: uuid */
            campaign_id: string;
            /** Format: uuid */
            user_id: string;
            /** Format: uuid */
            dataset_id: string;
            name: string;
            type: string;
            /** @enum {string} */
            status: "draft" | "launching" | "scheduled" | "active" | "draining" | "paused" | "completed" | "failed";
            /** @enum {string} */
            launch_type: "immediate" | "scheduled";
            daily_limit: number;
            sending_window_start: string;
            sending_window_end: string;
            min_interval_seconds: number;
            timezone: string;
            steps_config: components["schemas"]["StepResponse"][];
            send_days: string[];
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string;
            description: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            start_date: string | null;
            alias_ids: string[];
            /** Format: uuid */
            connected_account_id: string | null;
            total_leads: number;
            processed_leads: number;
            launch_job_id: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            launch_requested_at: string | null;
            launch_error: string | null;
            system_prompt: string | null;
            /** @enum {string} */
            unreviewed_launch_policy: "launch_default" | "hold" | "cancel";
            paused_reason: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            playground_discovery_dismissed_at: string | null;
            /** @enum {string} */
            stop_on_reply_scope: "lead" | "company";
        };
        StepResponse: {
            step: number;
            delay_days: number;
            /** @enum {string} */
            channel: "email" | "linkedin";
            variants: components["schemas"]["VariantResponse"][];
            ai_personalization_enabled: boolean;
            track_clicks: boolean;
            /** @enum {string|null} */
            action_type: "connection_request" | "message" | "profile_visit" | "inmail" | null;
            message_template: string | null;
            auto_winner?: components["schemas"]["AutoWinner"];
        };
        VariantResponse: {
            label: string;
            weight: number;
            /** @enum {string} */
            type: "TEMPLATE" | "PERSONALIZATION";
            /** Format: uuid */
            template_id: string | null;
            /** Format: uuid */
            sender_profile_id: string | null;
        };
        AutoWinner: {
            /** @enum {string} */
            metric: "reply_rate";
            min_sends_per_variant: number;
            confidence: number;
        };
        CampaignCreate: {
            name: string;
            description?: string | null;
            /** Format: uuid */
            dataset_id: string;
            steps: components["schemas"]["Step"][];
            /**
             * @default email
             * @enum {string}
             */
            type?: "email" | "linkedin" | "mixed";
            /** @default [] */
            alias_ids?: string[];
            /** Format: uuid */
            connected_account_id?: string | null;
            /**
             * @default immediate
             * @enum {string}
             */
            launch_type?: "immediate" | "scheduled";
            /** Format: date-time */
            start_date?: string | null;
            /** @default 50 */
            daily_limit?: number;
            /**
             * @default 09:00:00
             * @example 09:00:00
             */
            sending_window_start?: string;
            /**
             * @default 17:00:00
             * @example 09:00:00
             */
            sending_window_end?: string;
            /** @default 300 */
            min_interval_seconds?: number;
            /**
             * @default UTC
             * @example America/New_York
             */
            timezone?: string;
            /**
             * @default [
             *       "mon",
             *       "tue",
             *       "wed",
             *       "thu",
             *       "fri"
             *     ]
             */
            send_days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            system_prompt?: string | null;
            /**
             * @default launch_default
             * @enum {string}
             */
            unreviewed_launch_policy?: "launch_default" | "hold" | "cancel";
            /**
             * @default lead
             * @enum {string}
             */
            stop_on_reply_scope?: "lead" | "company";
        };
        Step: {
            step: number;
            /** @default 0 */
            delay_days?: number;
            /**
             * @default email
             * @enum {string}
             */
            channel?: "email" | "linkedin";
            variants: components["schemas"]["Variant"][];
            /** @default false */
            ai_personalization_enabled?: boolean;
            /** @default false */
            track_clicks?: boolean;
            /** @enum {string|null} */
            action_type?: "connection_request" | "message" | "profile_visit" | "inmail" | null;
            message_template?: string | null;
            auto_winner?: components["schemas"]["AutoWinner"] & (Record<string, never> | null);
        };
        Variant: {
            label: string;
            /** @default 50 */
            weight?: number;
            /**
             * @default TEMPLATE
             * @enum {string}
             */
            type?: "TEMPLATE" | "PERSONALIZATION";
            /** Format: uuid */
            template_id?: string | null;
            /** Format: uuid */
            sender_profile_id?: string | null;
        };
        CampaignUpdate: {
            name?: string;
            description?: string | null;
            /** Format: uuid */
            dataset_id?: string;
            steps?: components["schemas"]["Step"][];
            /** @enum {string} */
            type?: "email" | "linkedin" | "mixed";
            alias_ids?: string[];
            /** Format: uuid */
            connected_account_id?: string | null;
            /** @enum {string} */
            launch_type?: "immediate" | "scheduled";
            /** Format: date-time */
            start_date?: string | null;
            daily_limit?: number;
            /** @example 09:00:00 */
            sending_window_start?: string;
            /** @example 09:00:00 */
            sending_window_end?: string;
            min_interval_seconds?: number;
            /** @example America/New_York */
            timezone?: string;
            send_days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            system_prompt?: string | null;
            /** @enum {string} */
            unreviewed_launch_policy?: "launch_default" | "hold" | "cancel";
            /** @enum {string} */
            stop_on_reply_scope?: "lead" | "company";
            /** Format: date-time */
            playground_discovery_dismissed_at?: string | null;
        };
        PreflightResponse: {
            summary: components["schemas"]["LaunchSummary"];
            warnings: components["schemas"]["LaunchWarning"][];
            errors: components["schemas"]["ValidationIssue"][];
        };
        LaunchSummary: {
            total_rows: number;
            launchable_rows: number;
            warning_count: number;
        };
        LaunchWarning: {
            /** @enum {string} */
            code: "MISSING_EMAIL" | "INVALID_EMAIL" | "DUPLICATE_EMAIL" | "SUPPRESSED" | "MISSING_MERGE_FIELD" | "MISSING_LINKEDIN_URL" | "INVALID_TIMEZONE" | "WINDOW_TOO_SHORT" | "NO_UNSUBSCRIBE_LINK" | "UNREVIEWED_PERSONALIZATION";
            message: string;
            row_index?: number | null;
            step?: number | null;
            field?: string | null;
        };
        LaunchResponse: {
            campaign: components["schemas"]["CampaignResponse"];
            summary: components["schemas"]["LaunchSummary"];
            warnings: components["schemas"]["LaunchWarning"][];
        };
        PauseRequest: {
            reason?: string;
        };
        ScheduleResponse: {
            status: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            now: string;
            /** @enum {string|null} */
            not_sending_reason: "outside_window" | "not_a_send_day" | "daily_limit_reached" | "waiting_min_interval" | "waiting_for_delay" | "paused" | "scheduled_start" | "launching" | "no_pending_leads" | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            next_action_at: string | null;
            planned: {
                /**
                 * Format: date-time
                 * @example 2023-11-07T05:31:56Z
                 */
                at: string;
                campaign_lead_id: string;
                row_index: number;
                email: string | null;
                step: number;
                variant: string | null;
            }[];
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            projected_finish_at: string | null;
            projected_finish_is_estimate: boolean;
        };
        CampaignStats: {
            total_leads: number;
            processed_leads: number;
            leads: {
                pending: number;
                sending: number;
                active: number;
                completed: number;
                stopped: number;
                failed: number;
            };
            actions: {
                sent: number;
                failed: number;
                retrying: number;
                in_flight: number;
            };
            outcomes: components["schemas"]["OutcomeCounts"];
            per_step: {
                step: number;
                sent: number;
                failed: number;
                replied: number;
                reply_rate: number;
                auto_replied: number;
                bounced: {
                    hard: number;
                    soft: number;
                };
                unsubscribed: number;
                complained: number;
                unique_clicks: number;
            }[];
            per_variant: {
                step: number;
                variant: string;
                sent: number;
                failed: number;
                replied: number;
                reply_rate: number;
                auto_replied: number;
                bounced: {
                    hard: number;
                    soft: number;
                };
                unsubscribed: number;
                complained: number;
                unique_clicks: number;
            }[];
            ab_winners: components["schemas"]["AbWinner"][];
            ai: components["schemas"]["CampaignAiStats"];
        };
        OutcomeCounts: {
            sent: number;
            failed: number;
            replied: number;
            reply_rate: number;
            auto_replied: number;
            bounced: {
                hard: number;
                soft: number;
            };
            unsubscribed: number;
            complained: number;
            unique_clicks: number;
        };
        AbWinner: {
            step: number;
            variant: string;
            /** @enum {string} */
            metric: "reply_rate";
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            decided_at: string;
            confidence: number;
            probabilities: {
                [key: string]: number;
            };
            variants: {
                variant: string;
                sent: number;
                replied: number;
            }[];
        };
        /** @description Send-time AI personalization per step: model calls, generations, failures and tokens. Emails answered from the store, and approved emails, cost nothing and are not counted. */
        CampaignAiStats: {
            per_step: {
                step_index: number;
                /** @description Model calls, retries and corrections included. */
                calls: number;
                /** @description Calls that gave a usable email. */
                generations: number;
                /** @description Calls without a usable answer (errors, unusable output). */
                failures: number;
                tokens_in: number;
                tokens_out: number;
            }[];
        };
        CampaignLeadList: {
            items: components["schemas"]["CampaignLead"][];
            total: number;
            offset: number;
            limit: number;
        };
        CampaignLead: {
            /** Format: uuid */
            campaign_lead_id: string;
            row_index: number;
            email: string | null;
            linkedin_url: string | null;
            /** @enum {string} */
            status: "pending" | "sending" | "active" | "completed" | "stopped" | "failed";
            next_step: number | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            next_due_at: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            last_sent_at: string | null;
            stop_reason: string | null;
            data: {
                [key: string]: string;
            };
        };
        LeadEventList: {
            /** Format: uuid */
            campaign_lead_id: string;
            events: components["schemas"]["LeadEvent"][];
        };
        LeadEvent: {
            type: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            at: string;
            step: number | null;
            data: {
                [key: string]: unknown;
            } | null;
        };
        CapturedMessageList: {
            items: components["schemas"]["CapturedMessage"][];
            total: number;
            offset: number;
            limit: number;
        };
        CapturedMessage: {
            action_key: string;
            /** Format: uuid */
            campaign_lead_id: string;
            row_index: number;
            step: number;
            channel: string;
            to: string | null;
            subject: string | null;
            text: string | null;
            html: string | null;
            headers: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
        };
        Conversation: {
            /** Format: uuid */
            campaign_id: string;
            /** Format: uuid */
            campaign_lead_id: string;
            email: string | null;
            items: components["schemas"]["ConversationItem"][];
        };
        ConversationItem: {
            /** @enum {string} */
            direction: "outbound" | "inbound";
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            at: string;
            step: number | null;
            subject: string | null;
            /** @description Outbound: the sent text when the campaign kept it; inbound: the new text */
            text: string | null;
            message_id: string | null;
            status: string;
            /** Format: uuid */
            inbound_message_id: string | null;
        };
        InboxList: {
            items: components["schemas"]["InboundMessage"][];
            total: number;
            offset: number;
            limit: number;
        };
        InboundMessage: {
            /** Format: uuid */
            inbound_message_id: string;
            /** Format: uuid */
            campaign_id: string | null;
            /** Format: uuid */
            campaign_lead_id: string | null;
            step: number | null;
            /** @enum {string} */
            classification: "reply" | "unsubscribe_request" | "auto_reply" | "hard_bounce" | "soft_bounce" | "complaint";
            /** @enum {string|null} */
            matched_by: "tag" | "returned_message_id" | "in_reply_to" | "references" | null;
            /** @example ada@example.com */
            from: string | null;
            from_name: string | null;
            /** @description The address it arrived at (the envelope recipient) */
            to: string;
            subject: string;
            /** @description The start of the new text (quotes removed), one line */
            snippet: string;
            /** @description The new text of a reply (at most 4,000 characters) */
            text: string;
            message_id: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            received_at: string;
            raw_size: number;
            /** @description Facts of the classification: return_date (auto_reply), bounce_type/status/recipient/diagnostic/original_message_id (bounces), feedback_type (complaint), phrase (unsubscribe_request) */
            details: {
                [key: string]: string | null;
            };
            forwarded_to: string | null;
        };
        DatasetList: {
            items: components["schemas"]["DatasetResponse"][];
            total: number;
            offset: number;
            limit: number;
        };
        DatasetResponse: {
            /** Format: uuid */
            dataset_id: string;
            name: string;
            columns: components["schemas"]["DatasetColumn"][];
            row_count: number;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
        };
        DatasetColumn: {
            /**
             * @description The column name as it appeared in the import
             * @example E-mail
             */
            header: string;
            /**
             * @description The key the value is stored and merged under
             * @example email
             */
            key: string;
        };
        DatasetRowList: {
            items: components["schemas"]["DatasetRow"][];
            total: number;
            offset: number;
            limit: number;
        };
        DatasetRow: {
            /**
             * @description 1-based, in file order
             * @example 1
             */
            row_index: number;
            /**
             * @example {
             *       "email": "ada@example.com",
             *       "first_name": "Ada"
             *     }
             */
            data: {
                [key: string]: string;
            };
        };
        InboundEventResult: {
            /** @enum {string} */
            type: "replied" | "bounced" | "unsubscribed" | "complained";
            stopped: {
                /** Format: uuid */
                campaign_id: string;
                /** Format: uuid */
                campaign_lead_id: string;
            }[];
            /** @description The address added to the suppression list, if any */
            suppressed: string | null;
        };
        InboundEvent: {
            /** @enum {string} */
            type: "replied" | "bounced" | "unsubscribed" | "complained";
            /** Format: uuid */
            campaign_lead_id?: string;
            /** Format: email */
            email?: string;
            /**
             * Format: uuid
             * @description With `email`: only this campaign (default: every live campaign)
             */
            campaign_id?: string;
        };
        TemplateList: {
            items: components["schemas"]["TemplateResponse"][];
            total: number;
            offset: number;
            limit: number;
        };
        TemplateResponse: {
            /** Format: uuid */
            template_id: string;
            name: string;
            content: components["schemas"]["TemplateContent"];
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string;
        };
        TemplateContent: {
            /**
             * @description One line. Merge fields and spintax allowed. Empty on a follow-up step means `Re:` + the first step's subject.
             * @example {Quick question|Idea} for {{ company }}
             */
            subject: string;
            /**
             * @description Plain text or HTML (any tag makes it HTML: merge values are then HTML-escaped). `{{ unsubscribe_url }}` prints the lead's one-click unsubscribe link.
             * @example {Hi|Hello} {{ first_name | default: "there" }},
             *
             *     ...
             *
             *     Unsubscribe: {{ unsubscribe_url }}
             */
            body: string;
        };
        TemplateCreate: {
            name: string;
            content: components["schemas"]["TemplateContent"];
        };
        TemplateUpdate: {
            name?: string;
            content?: {
                /**
                 * @description One line. Merge fields and spintax allowed. Empty on a follow-up step means `Re:` + the first step's subject.
                 * @example {Quick question|Idea} for {{ company }}
                 */
                subject?: string;
                /**
                 * @description Plain text or HTML (any tag makes it HTML: merge values are then HTML-escaped). `{{ unsubscribe_url }}` prints the lead's one-click unsubscribe link.
                 * @example {Hi|Hello} {{ first_name | default: "there" }},
                 *
                 *     ...
                 *
                 *     Unsubscribe: {{ unsubscribe_url }}
                 */
                body?: string;
            };
        };
        TemplatePreview: {
            subject: string;
            body: string;
            /** @description Fields printed without a default whose value is missing or empty, first appearance first */
            missing_fields: string[];
        };
        TemplatePreviewRequest: {
            /** Format: uuid */
            dataset_id?: string;
            row_index?: number;
            /**
             * @example {
             *       "first_name": "Ada"
             *     }
             */
            data?: {
                [key: string]: string | number | boolean | null;
            };
        };
        SenderProfileList: {
            items: components["schemas"]["SenderProfileResponse"][];
            total: number;
            offset: number;
            limit: number;
        };
        SenderProfileResponse: {
            /** Format: uuid */
            id: string;
            profile_name: string;
            sender_data: {
                [key: string]: unknown;
            };
            description: string | null;
            is_default: boolean;
            /** @description How many of the user's campaigns have a variant using this profile */
            usage_count: number;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string;
        };
        SenderProfileCreate: {
            profile_name: string;
            /**
             * @description Free-form JSON object describing the sender (name, title, company, signature, ...)
             * @default {}
             * @example {
             *       "name": "Sam Sender",
             *       "title": "Account Executive",
             *       "company": "Acme"
             *     }
             */
            sender_data?: {
                [key: string]: unknown;
            };
            description?: string | null;
            /** @description true makes this the default (the others lose it); the first profile is always the default */
            is_default?: boolean;
        };
        SenderProfileUpdate: {
            profile_name?: string;
            /**
             * @description Free-form JSON object describing the sender (name, title, company, signature, ...)
             * @example {
             *       "name": "Sam Sender",
             *       "title": "Account Executive",
             *       "company": "Acme"
             *     }
             */
            sender_data?: {
                [key: string]: unknown;
            };
            description?: string | null;
            /** @description true makes this the default (the others lose it). The default cannot be unset directly: make another profile the default instead. */
            is_default?: boolean;
        };
        SuppressionList: {
            items: components["schemas"]["Suppression"][];
            total: number;
            offset: number;
            limit: number;
        };
        Suppression: {
            /** Format: uuid */
            suppression_id: string;
            /**
             * @description Lower-cased address or domain
             * @example ada@example.com
             */
            value: string;
            /** @enum {string} */
            kind: "email" | "domain";
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
        };
        SuppressionBulkResult: {
            /** @description One per distinct value, in request order */
            items: components["schemas"]["Suppression"][];
            created: number;
            existing: number;
        };
        SuppressionCreate: {
            /** @example ada@example.com */
            value?: string;
            values?: string[];
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
            total: number;
            offset: number;
            limit: number;
        };
        Webhook: {
            /** Format: uuid */
            webhook_id: string;
            url: string;
            events: string[];
            active: boolean;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string;
        };
        WebhookWithSecret: components["schemas"]["Webhook"] & {
            /**
             * @description HMAC-SHA256 key for Cadence-Signature (the whole string, as UTF-8)
             * @example whsec_3kTq9ZbW0cV7rN2xY5mL8pA1sD4fG6hJ
             */
            secret: string;
        };
        WebhookCreate: {
            /**
             * Format: uri
             * @description https; plain http only to 127.0.0.1 or localhost on a local deployment
             * @example https://example.com/hooks/cadence
             */
            url: string;
            /**
             * @example [
             *       "lead.replied",
             *       "lead.bounced"
             *     ]
             */
            events: ("lead.sent" | "lead.failed" | "lead.replied" | "lead.auto_replied" | "lead.bounced" | "lead.unsubscribed" | "lead.complained" | "lead.clicked" | "campaign.status_changed" | "campaign.guard_tripped" | "campaign.ab_winner" | "*")[];
        };
        WebhookUpdate: {
            /**
             * Format: uri
             * @description https; plain http only to 127.0.0.1 or localhost on a local deployment
             * @example https://example.com/hooks/cadence
             */
            url?: string;
            /**
             * @example [
             *       "lead.replied",
             *       "lead.bounced"
             *     ]
             */
            events?: ("lead.sent" | "lead.failed" | "lead.replied" | "lead.auto_replied" | "lead.bounced" | "lead.unsubscribed" | "lead.complained" | "lead.clicked" | "campaign.status_changed" | "campaign.guard_tripped" | "campaign.ab_winner" | "*")[];
            active?: boolean;
        };
        WebhookDeliveryList: {
            items: components["schemas"]["WebhookDelivery"][];
            total: number;
            offset: number;
            limit: number;
        };
        WebhookDelivery: {
            /** Format: uuid */
            delivery_id: string;
            event_id: string;
            event_type: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            last_status_code: number | null;
            last_error: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            delivered_at: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            next_attempt_at: string | null;
        };
        AliasList: {
            items: components["schemas"]["Alias"][];
            total: number;
            offset: number;
            limit: number;
        };
        Alias: {
            /** Format: uuid */
            alias_id: string;
            email: string;
            display_name: string | null;
            daily_limit: number;
            transport: components["schemas"]["AliasTransportView"];
            forward_to: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string;
        };
        AliasTransportView: components["schemas"]["SmtpTransportView"] | components["schemas"]["HttpTransportView"] | components["schemas"]["CaptureTransport"];
        SmtpTransportView: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "smtp";
            host: string;
            port: number;
            /** @enum {string} */
            security: "tls" | "starttls" | "plain";
            secure: boolean;
            username: string | null;
            has_password: boolean;
        };
        HttpTransportView: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "http";
            /** @enum {string} */
            provider: "resend";
            base_url: string;
            has_api_key: boolean;
        };
        /** @description Stores each message for inspection; the local default */
        CaptureTransport: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "capture";
        };
        AliasCreate: {
            /**
             * Format: email
             * @example sam@acme.com
             */
            email: string;
            display_name?: string | null;
            /** @default 50 */
            daily_limit?: number;
            transport?: components["schemas"]["AliasTransportInput"];
            /**
             * Format: email
             * @description Where replies to this alias's emails are forwarded (with INBOUND_DOMAIN set, replies reach Cadence first). On Cloudflare it must be a verified Email Routing destination.
             * @example sam@acme.com
             */
            forward_to?: string | null;
        };
        /**
         * @default {
         *       "kind": "capture"
         *     }
         */
        AliasTransportInput: components["schemas"]["SmtpTransportInput"] | components["schemas"]["HttpTransportInput"] | components["schemas"]["CaptureTransport"];
        SmtpTransportInput: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "smtp";
            host: string;
            port: number;
            /**
             * @description tls: TLS from the first byte (usually port 465); starttls: plain connection upgraded with STARTTLS, refused if the server does not offer it; plain: no TLS. Default: tls on port 465, starttls otherwise
             * @enum {string}
             */
            security?: "tls" | "starttls" | "plain";
            /** @description Compatibility alias: true = security tls, false = security plain */
            secure?: boolean;
            username?: string | null;
            /** @description Write-only; stored encrypted. Required with a username on create */
            password?: string;
        };
        HttpTransportInput: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "http";
            /**
             * @description A Resend-compatible API
             * @default resend
             * @enum {string}
             */
            provider?: "resend";
            /**
             * Format: uri
             * @default https://api.resend.com
             * @example https://api.resend.com
             */
            base_url?: string;
            /** @description Write-only; stored encrypted. Required on create */
            api_key?: string;
        };
        AliasUpdate: {
            /**
             * Format: email
             * @example sam@acme.com
             */
            email?: string;
            display_name?: string | null;
            daily_limit?: number;
            transport?: components["schemas"]["AliasTransportInput"];
            /**
             * Format: email
             * @description Where replies to this alias's emails are forwarded (with INBOUND_DOMAIN set, replies reach Cadence first). On Cloudflare it must be a verified Email Routing destination.
             * @example sam@acme.com
             */
            forward_to?: string | null;
        };
        AliasVerifyResult: {
            ok: boolean;
            /** @description The server's or provider's own answer */
            error?: string;
        };
        ConnectedAccountList: {
            items: components["schemas"]["ConnectedAccount"][];
            total: number;
            offset: number;
            limit: number;
        };
        ConnectedAccount: {
            /** Format: uuid */
            connected_account_id: string;
            /** @enum {string} */
            provider: "unipile";
            provider_account_id: string;
            display_name: string | null;
            base_url: string;
            daily_limit: number;
            weekly_limit: number;
            has_api_key: boolean;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string;
        };
        ConnectedAccountCreate: {
            /**
             * @default unipile
             * @enum {string}
             */
            provider?: "unipile";
            /**
             * @description The provider's id of the LinkedIn account (sent as `account_id`)
             * @example t5XY4yQzR9WVrlNFyzPMhw
             */
            provider_account_id: string;
            display_name?: string | null;
            /**
             * Format: uri
             * @example https://api1.unipile.com:13111
             */
            base_url: string;
            /** @description Write-only; stored encrypted */
            api_key: string;
            /** @default 25 */
            daily_limit?: number;
            /** @default 100 */
            weekly_limit?: number;
        };
        ConnectedAccountUpdate: {
            /**
             * @description The provider's id of the LinkedIn account (sent as `account_id`)
             * @example t5XY4yQzR9WVrlNFyzPMhw
             */
            provider_account_id?: string;
            display_name?: string | null;
            /**
             * Format: uri
             * @example https://api.resend.com
             */
            base_url?: string;
            /** @description Write-only; stored encrypted */
            api_key?: string;
            daily_limit?: number;
            weekly_limit?: number;
        };
        AdminUserCreated: {
            user: components["schemas"]["Me"];
            api_key: components["schemas"]["ApiKeyCreated"];
        };
        AdminUserCreate: {
            /** Format: email */
            email?: string | null;
            name?: string | null;
            /** @default default */
            key_name?: string;
        };
        SecretsReEncryptResult: {
            /** @description Id of the current SECRETS_KEY, stored in every secret it encrypts */
            key_id: string;
            /** @description True when every stored secret is under the current key */
            complete: boolean;
            tables: {
                table: string;
                column: string;
                rewritten: number;
                /** @description Rows no configured key opens: add their key to SECRETS_KEY_PREVIOUS */
                undecryptable: number;
                remaining: number;
            }[];
        };
        AiProviderResponse: {
            /** @description Whether AI endpoints can generate for this user now */
            configured: boolean;
            /**
             * @description `user`: set with PUT /api/v1/ai/provider; `deployment`: AI_BASE_URL / AI binding; null: none
             * @enum {string|null}
             */
            source: "user" | "deployment" | null;
            /** @enum {string|null} */
            kind: "openai_compatible" | "workers_ai" | null;
            base_url: string | null;
            model: string | null;
            has_api_key: boolean;
            /** @enum {string|null} */
            json_mode: "auto" | "json_object" | "off" | null;
            temperature: number | null;
            max_output_tokens: number | null;
            /** @description The effective daily budget */
            daily_token_budget: number;
            /** @description The effective per-campaign cap */
            campaign_token_cap: number;
            tokens_used_today: number;
            /** @description Why no provider can be used, and how to set one */
            problem: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string | null;
        };
        AiProviderUpdate: {
            /**
             * @description `openai_compatible`: any Chat Completions endpoint (OpenAI, Groq, Together, OpenRouter, Ollama, vLLM, llama.cpp). `workers_ai`: the deployment's Workers AI binding, when it has one.
             * @default openai_compatible
             * @enum {string}
             */
            kind?: "openai_compatible" | "workers_ai";
            /**
             * @description Chat Completions base URL, up to and including the version: `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (local only). Required for `openai_compatible`; https outside local development.
             * @example https://api.openai.com/v1
             */
            base_url?: string | null;
            /** @description Write-only: stored encrypted, never returned (`has_api_key`). Omitted, the stored key is kept while `base_url` stays the same; a new `base_url` without a key drops it. */
            api_key?: string;
            /** @example gpt-4o-mini */
            model: string;
            /**
             * @description `auto` asks for `response_format: {"type": "json_object"}` and retries without it when the provider refuses it; `json_object` always asks; `off` never asks.
             * @default auto
             * @enum {string}
             */
            json_mode?: "auto" | "json_object" | "off";
            temperature?: number | null;
            max_output_tokens?: number | null;
            /** @description Tokens (in + out) a UTC day for this user; null: the deployment's `AI_DAILY_TOKEN_BUDGET` */
            daily_token_budget?: number | null;
            /** @description Tokens (in + out) per campaign, ever; null: the deployment's `AI_CAMPAIGN_TOKEN_CAP` */
            campaign_token_cap?: number | null;
        };
        PersonalizePreviewResponse: {
            subject: string;
            email_body: string;
            /** @enum {string} */
            prompt_source: "custom" | "campaign" | "sender_profile" | "default";
            model_used: string;
            /** @description Time spent producing the answer (model calls, or the store) */
            latency_ms: number;
            prompt_version_hash: string;
            /** @description Answered from the store: the same inputs were generated before */
            from_cache: boolean;
            tokens_in: number;
            tokens_out: number;
        };
        PersonalizePreviewRequest: {
            /**
             * @description The lead's fields (first_name, company, title, linkedin_url, ...)
             * @example {
             *       "first_name": "Ada",
             *       "company": "Analytical Engines",
             *       "title": "CTO"
             *     }
             */
            lead_data?: {
                [key: string]: unknown;
            } | null;
            /** Format: uuid */
            dataset_id?: string | null;
            row_index?: number | null;
            /**
             * Format: uuid
             * @description One of your sender profiles; else sender_data; else your default profile
             */
            sender_profile_id?: string | null;
            /**
             * @description Inline sender data; ignored when sender_profile_id is given
             * @example {
             *       "name": "Sam Sender",
             *       "company": "Acme",
             *       "offer": "outreach that books meetings"
             *     }
             */
            sender_data?: {
                [key: string]: unknown;
            } | null;
            /** @description Prompt for this request (100-5000 characters); else the sender profile's `sender_data.custom_prompt`, else the built-in prompt */
            custom_prompt?: string | null;
            /** @description Extra facts about the lead, given to the model as data */
            research_context?: string | null;
        };
        BatchPreviewRequest: {
            /** @description Client-chosen id (a UUID v4, say); every event echoes it as `batch_id` */
            client_run_id: string;
            leads: components["schemas"]["BatchPreviewLead"][];
            /** Format: uuid */
            sender_profile_id?: string | null;
            /**
             * @description Inline sender data; ignored when sender_profile_id is given
             * @example {
             *       "name": "Sam Sender",
             *       "company": "Acme",
             *       "offer": "outreach that books meetings"
             *     }
             */
            sender_data?: {
                [key: string]: unknown;
            } | null;
            /** @description Name of a prompt in the sender data's `prompts: [{name, prompt}]`; when none matches, custom_prompt or the default applies */
            active_prompt_name?: string | null;
            /** @description Prompt for this request (100-5000 characters); else the sender profile's `sender_data.custom_prompt`, else the built-in prompt */
            custom_prompt?: string | null;
        };
        BatchPreviewLead: {
            /**
             * @description The lead's fields (first_name, company, title, linkedin_url, ...)
             * @example {
             *       "first_name": "Ada",
             *       "company": "Analytical Engines",
             *       "title": "CTO"
             *     }
             */
            lead_data?: {
                [key: string]: unknown;
            } | null;
            /** Format: uuid */
            dataset_id?: string | null;
            row_index?: number | null;
        };
        PlaygroundGenerateResponse: {
            /** Format: uuid */
            campaign_id: string;
            step_index: number;
            /** Format: uuid */
            batch_id: string;
            enqueued_lead_ids: string[];
            /** @description Of the first lead's effective prompt and model settings (each draft carries its own) */
            prompt_version_hash: string;
            total: number;
        };
        PlaygroundGenerateRequest: {
            /**
             * @description Step number, 1-based, as in steps_config
             * @example 1
             */
            step_index: number;
            /**
             * @description How many of the step's personalized leads to draft, first dataset rows first
             * @default 50
             */
            n_leads?: number;
            /** @description Prompt for this batch; else the campaign's system_prompt, else the sender profile's, else the default */
            custom_prompt?: string | null;
        };
        PlaygroundStatusResponse: {
            /** Format: uuid */
            campaign_id: string;
            overall: components["schemas"]["PlaygroundOverall"];
            /** Format: uuid */
            batch_id: string | null;
            per_lead: components["schemas"]["PlaygroundLeadState"][];
        };
        PlaygroundOverall: {
            total: number;
            pending: number;
            running: number;
            done: number;
            failed: number;
            cancelled: number;
        };
        PlaygroundLeadState: {
            /** Format: uuid */
            campaign_lead_id: string;
            row_index: number;
            variant_label: string;
            /** @enum {string} */
            status: "pending" | "running" | "done" | "failed" | "cancelled";
            /** Format: uuid */
            batch_id: string;
            error: string | null;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            completed_at: string | null;
            has_draft: boolean;
            subject_preview: string | null;
        };
        PlaygroundDraftsResponse: {
            /** Format: uuid */
            campaign_id: string;
            /** Format: uuid */
            batch_id: string | null;
            drafts: components["schemas"]["PlaygroundDraft"][];
        };
        PlaygroundDraft: {
            /** Format: uuid */
            campaign_lead_id: string;
            row_index: number;
            step_index: number;
            variant_label: string;
            subject: string;
            body: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            generated_at: string;
            prompt_version_hash: string;
            /** @enum {string} */
            prompt_source: "custom" | "campaign" | "sender_profile" | "default";
            /** @description Send it back as `expected_step_config_fingerprint` when approving this draft */
            step_config_fingerprint: string;
            model: string;
            from_cache: boolean;
        };
        PlaygroundCancelResponse: {
            /** Format: uuid */
            campaign_id: string;
            /** Format: uuid */
            batch_id: string;
            /** @description Leads that had not started and never will */
            cancelled_count: number;
        };
        PlaygroundCancelRequest: {
            /** Format: uuid */
            batch_id: string;
        };
        LeadApprovalResponse: {
            /** Format: uuid */
            campaign_id: string;
            /** Format: uuid */
            campaign_lead_id: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            updated_at: string;
            step_index: number | null;
            /** @description Every step approved for this lead after the operation */
            approved_steps: number[];
            approved_entry: components["schemas"]["ApprovedEmail"];
        };
        ApprovedEmail: {
            subject: string;
            body: string;
            prompt_snapshot: string | null;
            prompt_version_hash: string | null;
            lead_identity_fingerprint: string;
            step_index: number;
            variant_label: string;
            step_config_fingerprint: string;
            /**
             * Format: date-time
             * @example 2023-11-07T05:31:56Z
             */
            approved_at: string;
            approved_by: string | null;
            research_cache_fingerprint: string | null;
            sender_profile_id: string | null;
            template_id: string | null;
            model: string | null;
            generation_latency_ms: number | null;
        } | null;
        ApproveLeadRequest: {
            /**
             * @description Step number, 1-based, as in steps_config
             * @example 1
             */
            step_index: number;
            /** @description Must be the variant the lead is assigned for this step */
            variant_label: string;
            subject: string;
            body: string;
            /** @description The prompt the draft was made with, when it was not the resolved one */
            custom_prompt?: string | null;
            /** @description The exact prompt text of the draft; the server resolves it when absent */
            prompt_snapshot?: string | null;
            model?: string | null;
            generation_latency_ms?: number | null;
            /** @description The draft's `step_config_fingerprint`: when the step's variant, template or sender changed since, 422 STEP_CONFIG_CHANGED */
            expected_step_config_fingerprint?: string | null;
        };
        UnapproveLeadRequest: {
            /**
             * @description Step number, 1-based, as in steps_config
             * @example 1
             */
            step_index: number;
        };
        CampaignApprovalsResponse: {
            items: components["schemas"]["CampaignApproval"][];
            total: number;
            offset: number;
            limit: number;
        };
        CampaignApproval: components["schemas"]["ApprovedEmail"] & {
            /** Format: uuid */
            campaign_lead_id: string;
            /** @description The lead's row in the campaign's dataset */
            row_index: number;
        };
        ResetLeadRequest: {
            /** @description Steps to clear; absent or empty: every step */
            step_indices?: number[] | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
