/**
 * The API's paths, operations and components as types, generated from the OpenAPI document by
 * openapi-typescript. Do not edit: run `npm run compile-client` after changing the document.
 */

export type paths = {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness check */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API as OpenAPI 3.1 */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the caller is: their role and subject, and a customer's organisation with its policy, tier and region */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organisations, by id */
        get: operations["listOrgs"];
        put?: never;
        /** Create an organisation */
        post: operations["createOrg"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orgs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an organisation */
        get: operations["getOrg"];
        /** Create or replace an organisation */
        put: operations["putOrg"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orgs/{id}/members/{sub}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a user's membership */
        get: operations["getMember"];
        /** Make a user (Cognito sub) a member of the organisation: their tokens' org claim from the next sign-in or refresh */
        put: operations["putMember"];
        post?: never;
        /** End a membership */
        delete: operations["deleteMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the staff directory, by id */
        get: operations["listPeople"];
        put?: never;
        /** Add a person to the staff directory (their numbers start unverified) */
        post: operations["createPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/people/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a person */
        get: operations["getPerson"];
        /** Replace a person, with the version read (numbers already on file keep their state; new ones start unverified) */
        put: operations["putPerson"];
        post?: never;
        /** Remove a person (refused while a rotation or a coming override names them) */
        delete: operations["deletePerson"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/people/{id}/sms/{number}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Text a 6-digit code to one of the person's numbers (`{number}` E.164, URL-encoded); only the person (by the token's e-mail) or an admin; at most one per number per minute and five a day */
        post: operations["sendVerificationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/people/{id}/sms/{number}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enter the code texted to the number (the person or an admin): right, the number is verified and gets pages */
        post: operations["verifyNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/people/{id}/shifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's on-call shifts from `from` (default now, with the shift under way from its start) to `to` (default 30 days later, at most 366), or an iCalendar file with `Accept: text/calendar` */
        get: operations["listShifts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every role the policies name or a schedule is stored for, with who is on call now */
        get: operations["listRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{role}/rotation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A role's rotation and overrides (version 0: none stored yet) */
        get: operations["getRotation"];
        /** Set a role's rotation and, if given, the layers above it (left out, the stored layers stay), with the version read; every participant must be in the directory */
        put: operations["putRotation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{role}/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an override: replace one person with another, or add someone, for a time range */
        post: operations["addOverride"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{role}/overrides/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an override */
        delete: operations["deleteOverride"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{role}/oncall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is on call for a role at `at` (default now) */
        get: operations["getOnCall"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tickets (customers: their organisation's) */
        get: operations["listTickets"];
        put?: never;
        /** Open a ticket */
        post: operations["createTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a ticket with the latest page of its timeline */
        get: operations["getTicket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change status, severity or assignee; with `dryRun=true`, the ticket as the change would leave it (deadlines re-planned), nothing written */
        patch: operations["updateTicket"];
        trace?: never;
    };
    "/tickets/{caseId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of the timeline, older than the cursor (customers: public entries only) */
        get: operations["getTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{caseId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a message or internal note */
        post: operations["addMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{caseId}/escalate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Escalate a case on demand */
        post: operations["escalateTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open tickets in the policy's work order */
        get: operations["getQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the policies (presets and custom ones) with their latest version; a customer sees only their organisation's */
        get: operations["listPolicies"];
        put?: never;
        /** Publish a new policy as version 1 (the document is validated as `sla validate` does; its `version` must be 1 or absent). `?dryRun=true` stores nothing and answers what it would do */
        post: operations["createPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the latest version of a policy, as written */
        get: operations["getPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policies/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A policy's versions, newest first */
        get: operations["listPolicyVersions"];
        put?: never;
        /** Publish the next version of a policy (the document's `id` must be `{id}` or absent, its `version` the latest + 1 or absent); a calendar change starts a re-plan of the policy's open tickets. `?dryRun=true` stores nothing and answers what would change */
        post: operations["publishPolicyVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policies/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version of a policy: the document, who published it when, and the re-plan of open tickets it started */
        get: operations["getPolicyVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policies/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dry-run a policy: the deadlines a new ticket would get */
        post: operations["planTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/held-mail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mail from customer domains without a DMARC pass (unverified), newest first */
        get: operations["listHeldMail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/held-mail/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a held message */
        get: operations["getHeldMail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/held-mail/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a held message: it becomes the ticket or message it would have made */
        post: operations["acceptHeldMail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/held-mail/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a held message */
        post: operations["rejectHeldMail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints, newest first: the caller's organisation's, or for staff the staff endpoints (or an organisation's with `org`) */
        get: operations["listWebhooks"];
        put?: never;
        /** Register a webhook endpoint (customers: for their organisation's events; staff: for every organisation's); the only answer besides rotation that shows its secret */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a webhook endpoint */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook endpoint */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change what an endpoint hears of, where it is or whom it tells, pause it, or resume it (resuming starts its health afresh) */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new signing secret; the ones before it keep signing for 24 hours */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's delivery log, newest first (attempts, not bodies) */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}/deliveries/{eventId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivered or failed delivery again (same event id, a fresh 24 hours of retries) */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/acks/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a signed ack link asks (the case, the page, the person) and whether it was acknowledged; never acknowledges */
        get: operations["getAck"];
        put?: never;
        /** Acknowledge the link's page as its person; again, the first acknowledgement */
        post: operations["acknowledgeByLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{caseId}/acknowledgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge a deadline's page as the person whose e-mail is the caller's */
        post: operations["acknowledgePage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tier-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A policy's tier reviews, the latest quarter first */
        get: operations["listTierReviews"];
        put?: never;
        /** Review a policy's tiers for a quarter from each organisation's turnover: a dry run lists the moves; applying sets each tier from the quarter's first day and e-mails every reviewed organisation */
        post: operations["runTierReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notices whose window overlaps `from`–`to`, by start (a customer's: those affecting their organisation) */
        get: operations["listNotices"];
        put?: never;
        /** Publish a maintenance notice and e-mail the affected organisations; a planned one starting sooner than the lead time of their policies is refused (422, naming the earliest allowed start) */
        post: operations["createNotice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a notice */
        get: operations["getNotice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Move a notice (a planned one honours the lead time again), change its text, or cancel it (`{"state": "cancelled"}`); each change e-mails the affected organisations and is kept */
        patch: operations["updateNotice"];
        trace?: never;
    };
    "/notice-calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed path of an organisation's maintenance calendar (staff name `org`; a customer gets their own) */
        get: operations["getNoticeCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notice-calendars/{org}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organisation's maintenance calendar as iCalendar (RFC 5545), one event per notice; a wrong signature is 404 */
        get: operations["getNoticeFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{caseId}/time": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket's time entries as they stand, with their total (customers: what was done when, not by whom) */
        get: operations["listTime"];
        put?: never;
        /** Log time on a ticket: minutes (1…1440), billable (default true; never for a category the policy bills free, and the answer says why), a note, when the work was done (`at`, default now, not ahead, not before the ticket) */
        post: operations["logTime"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{caseId}/time/{entry}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a time entry: a last revision marked deleted (the earlier ones stay, and the timeline says so) */
        delete: operations["deleteTime"];
        options?: never;
        head?: never;
        /** Correct a time entry: a new revision (the earlier ones stay); the timeline says what changed from what */
        patch: operations["correctTime"];
        trace?: never;
    };
    "/orgs/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organisation's usage statement for a period (`2027-01`, `2027-Q1` or `2027`, as its tier's entitlement counts; default the current one): included, carried-in, used and overage minutes and the invoice lines; CSV with `Accept: text/csv`. Customers: their own organisation only */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organisation's SLA compliance over dates or months (`from`, `to`: `2026-03` or `2026-03-15`, both included, at most 24 months), counted in its zone from the clock outcomes stored when each clock stopped: per metric count, met, breached, % met, median and p90 business time, the worst overruns and where breached clocks' time went, and a per-month breakdown; CSV with `Accept: text/csv`. Staff name the `org`; customers get their own (their requests draw on their organisation's `reports` rate limit) */
        get: operations["getSlaReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        Person: {
            id: string;
            name: string;
            zone: string;
            email: string;
            agent: boolean;
            sms: {
                number: string;
                /** @enum {string} */
                state: "unverified" | "verified" | "opted-out";
                /** Format: date-time */
                verifiedAt?: string;
                /** Format: date-time */
                optedOutAt?: string;
            }[];
            version: number;
            /** Format: date-time */
            updatedAt: string;
        };
        PersonList: {
            items: components["schemas"]["Person"][];
            cursor?: string;
        };
        SmsVerification: {
            number: string;
            /** Format: date-time */
            expiresAt: string;
        };
        RoleSchedule: {
            role: string;
            rotation?: {
                participants: string[];
                shift: {
                    length: number;
                    /** @enum {string} */
                    unit: "hours" | "days" | "weeks";
                };
                /** Format: date-time */
                handoff: string;
                zone: string;
                activeHours?: {
                    sun?: string[];
                    mon?: string[];
                    tue?: string[];
                    wed?: string[];
                    thu?: string[];
                    fri?: string[];
                    sat?: string[];
                };
            };
            layers?: {
                participants: string[];
                shift: {
                    length: number;
                    /** @enum {string} */
                    unit: "hours" | "days" | "weeks";
                };
                /** Format: date-time */
                handoff: string;
                zone: string;
                activeHours?: {
                    sun?: string[];
                    mon?: string[];
                    tue?: string[];
                    wed?: string[];
                    thu?: string[];
                    fri?: string[];
                    sat?: string[];
                };
            }[];
            overrides: ({
                id: string;
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                /** @constant */
                kind: "replace";
                from: string;
                to: string;
            } | {
                id: string;
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                /** @constant */
                kind: "add";
                person: string;
            })[];
            version: number;
        };
        RoleList: {
            items: {
                role: string;
                name: string;
                onCall: {
                    id: string;
                    name: string;
                }[];
                rotation?: {
                    participants: string[];
                    shift: {
                        length: number;
                        /** @enum {string} */
                        unit: "hours" | "days" | "weeks";
                    };
                    /** Format: date-time */
                    handoff: string;
                    zone: string;
                    activeHours?: {
                        sun?: string[];
                        mon?: string[];
                        tue?: string[];
                        wed?: string[];
                        thu?: string[];
                        fri?: string[];
                        sat?: string[];
                    };
                };
                layers?: {
                    participants: string[];
                    shift: {
                        length: number;
                        /** @enum {string} */
                        unit: "hours" | "days" | "weeks";
                    };
                    /** Format: date-time */
                    handoff: string;
                    zone: string;
                    activeHours?: {
                        sun?: string[];
                        mon?: string[];
                        tue?: string[];
                        wed?: string[];
                        thu?: string[];
                        fri?: string[];
                        sat?: string[];
                    };
                }[];
                overrides: ({
                    id: string;
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                    /** @constant */
                    kind: "replace";
                    from: string;
                    to: string;
                } | {
                    id: string;
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                    /** @constant */
                    kind: "add";
                    person: string;
                })[];
                version?: number;
                unreadable?: string;
            }[];
        };
        OnCall: {
            role: string;
            /** Format: date-time */
            at: string;
            people: {
                id: string;
                name: string;
            }[];
        };
        ShiftList: {
            items: {
                role: string;
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            }[];
        };
        WebhookEndpoint: {
            id: string;
            /** @enum {string} */
            scope: "staff" | "org";
            org?: string;
            url: string;
            events: ("ticket.created" | "ticket.updated" | "ticket.resolved" | "deadline.breached" | "page.sent")[];
            description?: string;
            /** @enum {string} */
            state: "active" | "paused";
            /** @enum {string} */
            pausedBecause?: "owner" | "failing" | "gone";
            contact: string;
            secrets: {
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt?: string;
            }[];
            health: {
                /** Format: date-time */
                failingSince?: string;
                lastFailure?: {
                    /** Format: date-time */
                    at: string;
                    ms: number;
                    status?: number;
                    error?: string;
                };
            };
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookEndpointWithSecret: {
            id: string;
            /** @enum {string} */
            scope: "staff" | "org";
            org?: string;
            url: string;
            events: ("ticket.created" | "ticket.updated" | "ticket.resolved" | "deadline.breached" | "page.sent")[];
            description?: string;
            /** @enum {string} */
            state: "active" | "paused";
            /** @enum {string} */
            pausedBecause?: "owner" | "failing" | "gone";
            contact: string;
            secrets: {
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt?: string;
            }[];
            health: {
                /** Format: date-time */
                failingSince?: string;
                lastFailure?: {
                    /** Format: date-time */
                    at: string;
                    ms: number;
                    status?: number;
                    error?: string;
                };
            };
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            secret: string;
        };
        WebhookEndpointList: {
            items: components["schemas"]["WebhookEndpoint"][];
            cursor?: string;
        };
        WebhookDelivery: {
            eventId: string;
            /** @enum {string} */
            eventType: "ticket.created" | "ticket.updated" | "ticket.resolved" | "deadline.breached" | "page.sent";
            caseId: number;
            /** @enum {string} */
            state: "pending" | "delivered" | "failed";
            attempts: {
                /** Format: date-time */
                at: string;
                ms: number;
                status?: number;
                error?: string;
            }[];
            nextAttemptAt: string | null;
            skipped?: string;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookDeliveryList: {
            items: components["schemas"]["WebhookDelivery"][];
            cursor?: string;
        };
        Ack: {
            caseId: number;
            subject: string;
            severity: string;
            deadline: string;
            person: {
                id: string;
                name: string;
            };
            /** Format: date-time */
            expiresAt: string;
            acknowledged?: {
                by: string;
                /** Format: date-time */
                at: string;
                /** @enum {string} */
                via: "sms" | "link" | "console";
            };
        };
        TierReview: {
            policy: string;
            quarter: string;
            currency: string;
            moves: {
                org: string;
                from: string;
                to: string;
                moved: boolean;
                turnover: number;
                turnoverText: string;
                reason: string;
                /** Format: date-time */
                start: string;
            }[];
            missing: {
                org: string;
                tier: string;
            }[];
            dryRun: boolean;
            replaces?: number;
            revision?: number;
            /** @enum {string} */
            state?: "applying" | "applied";
            by?: string;
            /** Format: date-time */
            at?: string;
            /** Format: date-time */
            appliedAt?: string;
            replaced?: {
                revision: number;
                by: string;
                /** Format: date-time */
                at: string;
                rows: number;
            }[];
        };
        TierReviewList: {
            items: components["schemas"]["TierReview"][];
        };
        PolicyVersion: {
            id: string;
            version: number;
            name: string;
            publishedBy: string;
            /** Format: date-time */
            publishedAt: string;
            calendarsChanged: boolean;
            document: {
                id: string;
                version: number;
            } & {
                [key: string]: unknown;
            };
            replan?: {
                /** @enum {string} */
                state: "running" | "done";
                examined: number;
                replanned: number;
                failed: number;
                /** Format: date-time */
                startedAt: string;
                /** Format: date-time */
                updatedAt: string;
                /** Format: date-time */
                finishedAt?: string;
            };
        };
        PolicyVersionList: {
            items: {
                id: string;
                version: number;
                name: string;
                publishedBy: string;
                /** Format: date-time */
                publishedAt: string;
                calendarsChanged: boolean;
            }[];
            cursor?: string;
        };
        PolicyDryRun: {
            /** @constant */
            dryRun: true;
            id: string;
            version: number;
            previous?: number;
            samples: {
                label: string;
                /** Format: date-time */
                at: string;
            }[];
            changes: {
                severity: string;
                tier: string;
                region?: string;
                sample: string;
                before: {
                    /** @enum {string} */
                    kind: "response" | "escalation" | "update" | "resolution";
                    level?: number;
                    /** Format: date-time */
                    due: string;
                }[];
                after: {
                    /** @enum {string} */
                    kind: "response" | "escalation" | "update" | "resolution";
                    level?: number;
                    /** Format: date-time */
                    due: string;
                }[];
            }[];
            unchanged: number;
            severities: {
                added: string[];
                removed: string[];
            };
            tiers: {
                added: string[];
                removed: string[];
            };
            regions: {
                added: string[];
                removed: string[];
            };
            calendarsChanged: string[];
            openTickets: {
                examined: number;
                moved: number;
                complete: boolean;
                examples: {
                    caseId: number;
                    org: string;
                    deadline: string;
                    /** Format: date-time */
                    before: string;
                    after: string | null;
                }[];
            };
        };
        Notice: {
            id: string;
            title: string;
            body: string;
            /** @enum {string} */
            kind: "planned" | "emergency";
            /** @enum {string} */
            state: "published" | "cancelled";
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            orgs?: string[];
            regions?: string[];
            policy?: string;
            /** Format: date-time */
            publishedAt: string;
            changes: {
                /** Format: date-time */
                at: string;
                by?: string;
                /** @enum {string} */
                what: "published" | "rescheduled" | "edited" | "cancelled";
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                previous?: {
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                };
            }[];
            version: number;
        };
        NoticeList: {
            items: components["schemas"]["Notice"][];
        };
        NoticeCalendar: {
            org: string;
            path: string;
        };
        TimeEntry: {
            entry: string;
            minutes: number;
            billable: boolean;
            /** Format: date-time */
            at: string;
            note?: string;
            rev?: number;
            by?: string;
            /** Format: date-time */
            recordedAt?: string;
            tier?: string;
            ticketMinutes: number;
            notBillable?: string;
        };
        TimeEntryList: {
            caseId: number;
            entries: {
                entry: string;
                minutes: number;
                billable: boolean;
                /** Format: date-time */
                at: string;
                note?: string;
                rev?: number;
                by?: string;
                /** Format: date-time */
                recordedAt?: string;
                tier?: string;
            }[];
            totalMinutes: number;
            billableMinutes: number;
        };
        SlaReport: {
            org: string;
            zone: string;
            from: string;
            to: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            metrics: {
                /** @enum {string} */
                metric: "response" | "update" | "resolution" | "escalation";
                level?: number;
                count: number;
                met: number;
                breached: number;
                pctMet: number | null;
                medianBusinessMs: number | null;
                p90BusinessMs: number | null;
                worstOverruns: {
                    caseId: number;
                    outcome: string;
                    overrunMs: number;
                    /** Format: date-time */
                    stoppedAt: string;
                }[];
                breachAttribution: {
                    calendarMs: number;
                    pausedMs: number;
                    outsideHoursMs: number;
                    businessMs: number;
                };
            }[];
            months: {
                month: string;
                metrics: {
                    [key: string]: {
                        count: number;
                        met: number;
                        breached: number;
                        pctMet: number | null;
                    };
                };
            }[];
        };
        UsageStatement: {
            org: string;
            period: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            zone: string;
            /** @enum {string} */
            status: "open" | "closed";
            tier: string;
            currency: string;
            includedMinutes: number;
            carriedInMinutes: number;
            usedMinutes: number;
            paidMinutes: number;
            coveredMinutes: number;
            nonBillableMinutes: number;
            overageMinutes: number;
            billedOverageMinutes: number;
            carriedOutMinutes: number;
            lines: {
                /** @enum {string} */
                kind: "overage" | "paid" | "adjustment";
                description: string;
                quantity: number;
                /** @constant */
                unit: "h";
                unitPrice: number;
                amount: number;
                currency: string;
                minutes: number;
                caseId?: number;
                adjusts?: string;
            }[];
            total: number;
            alerts: {
                at80: boolean;
                at100: boolean;
            };
        };
        Clock: {
            /** Format: date-time */
            asOf: string;
            target: number;
            used: number;
            left: number;
            open: boolean;
            /** Format: date-time */
            nextOpening?: string;
            /** Format: date-time */
            closesAt?: string;
            stopped: boolean;
            /** @enum {string} */
            basis: "business" | "calendar";
            zone: string;
            warning: number;
            danger: number;
        };
        Deadline: {
            /** @enum {string} */
            kind: "response" | "escalation" | "update" | "resolution";
            level?: number;
            assign?: string;
            page?: string[];
            notify?: string[];
            id: string;
            due: string | null;
            /** @enum {string} */
            state: "pending" | "met" | "breached" | "cancelled";
            /** @enum {string} */
            trigger?: "customer" | "staff";
            /** Format: date-time */
            settledAt?: string;
            repageOf?: string;
            /** @enum {string} */
            escalateTo?: "next-in-rotation";
            clock?: components["schemas"]["Clock"];
        };
        TimelineEntry: {
            seq: number;
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            type: "created" | "responded" | "updated" | "reopened" | "customer_replied" | "note" | "paused" | "resumed" | "resolved" | "closed" | "severity_changed" | "escalated" | "notified" | "acknowledged" | "assigned" | "category_changed" | "time_logged" | "time_corrected" | "time_deleted" | "calendar_changed";
            actor: {
                /** @enum {string} */
                kind: "customer" | "staff" | "system";
                id: string;
            };
            body?: string;
            public?: boolean;
            detail?: {
                [key: string]: string;
            };
        };
        Ticket: {
            caseId: number;
            org: string;
            /** @enum {string} */
            status: "open" | "pending_customer" | "resolved" | "closed";
            subject: string;
            severity: string;
            tier: string;
            region?: string;
            policy: {
                id: string;
                version: number;
            };
            assignee?: string;
            /** @enum {string} */
            channel: "api" | "email";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            description: string;
            category?: string;
            fields: {
                [key: string]: string;
            };
            requesterEmail?: string;
            attachments?: {
                filename: string;
                contentType: string;
                size: number;
            }[];
            maintenance?: {
                id: string;
                title: string;
                /** @enum {string} */
                kind: "planned" | "emergency";
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            }[];
            deadlines: components["schemas"]["Deadline"][];
            timeline?: components["schemas"]["TimelineEntry"][];
            timeMinutes: number;
            timelineCursor?: string;
        };
        JoinedEscalation: {
            caseId: number;
            org: string;
            /** @enum {string} */
            status: "open" | "pending_customer" | "resolved" | "closed";
            subject: string;
            severity: string;
            tier: string;
            region?: string;
            policy: {
                id: string;
                version: number;
            };
            assignee?: string;
            /** @enum {string} */
            channel: "api" | "email";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            description: string;
            category?: string;
            fields: {
                [key: string]: string;
            };
            requesterEmail?: string;
            attachments?: {
                filename: string;
                contentType: string;
                size: number;
            }[];
            maintenance?: {
                id: string;
                title: string;
                /** @enum {string} */
                kind: "planned" | "emergency";
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            }[];
            deadlines: components["schemas"]["Deadline"][];
            timeline?: components["schemas"]["TimelineEntry"][];
            timeMinutes: number;
            timelineCursor?: string;
            joined: {
                deadline: string;
                /** Format: date-time */
                escalatedAt: string;
                /** @enum {string} */
                state: "pending" | "met" | "breached" | "cancelled";
                /** Format: date-time */
                until: string;
            };
        };
        NextDeadline: {
            id: string;
            /** @enum {string} */
            kind: "response" | "escalation" | "update" | "resolution";
            level?: number;
            /** Format: date-time */
            due: string;
            /** @enum {string} */
            state: "pending" | "met" | "breached" | "cancelled";
            clock?: components["schemas"]["Clock"];
        };
        TicketSummary: {
            caseId: number;
            org: string;
            /** @enum {string} */
            status: "open" | "pending_customer" | "resolved" | "closed";
            subject: string;
            severity: string;
            tier: string;
            region?: string;
            policy: {
                id: string;
                version: number;
            };
            assignee?: string;
            /** @enum {string} */
            channel: "api" | "email";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            nextDue: string | null;
            next?: components["schemas"]["NextDeadline"];
        };
        TicketList: {
            items: components["schemas"]["TicketSummary"][];
            cursor?: string;
        };
        Queue: {
            policy?: string;
            items: components["schemas"]["TicketSummary"][];
            cursor?: string;
        };
        TimelinePage: {
            items: components["schemas"]["TimelineEntry"][];
            cursor?: string;
        };
        Org: {
            id: string;
            name: string;
            policy: string;
            tier: string;
            tiers: {
                tier: string;
                /** Format: date-time */
                from: string;
                /** @enum {string} */
                source: "admin" | "review";
                review?: string;
            }[];
            region?: string;
            emailDomains: string[];
            contacts: string[];
            monthlyReport: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        OrgList: {
            items: components["schemas"]["Org"][];
            cursor?: string;
        };
        Me: {
            /** @enum {string} */
            role: "admin" | "agent" | "customer";
            sub: string;
            org?: string;
            orgName?: string;
            policy?: string;
            tier?: string;
            tiers?: {
                tier: string;
                /** Format: date-time */
                from: string;
                /** @enum {string} */
                source: "admin" | "review";
                review?: string;
            }[];
            region?: string;
            emailDomains?: string[];
        };
        Membership: {
            sub: string;
            org: string;
            /** Format: date-time */
            updatedAt: string;
            movedFrom?: string;
        };
        PolicyList: {
            items: {
                id: string;
                version: number;
                name: string;
                preset: boolean;
                severities: string[];
                tiers: string[];
                regions: string[];
            }[];
        };
        Policy: {
            id: string;
            version: number;
            name: string;
            countdown?: {
                warning?: number;
                danger?: number;
            };
        } & {
            [key: string]: unknown;
        };
        PlanPreview: {
            policy: {
                id: string;
                version: number;
            };
            zone?: string;
            deadlines: {
                /** @enum {string} */
                kind: "response" | "escalation" | "update" | "resolution";
                level?: number;
                assign?: string;
                page?: string[];
                notify?: string[];
                /** Format: date-time */
                due: string;
                afterHours?: string[];
            }[];
        };
        HeldMail: {
            id: string;
            /** @enum {string} */
            status: "held" | "accepted" | "rejected";
            /** @constant */
            unverified: true;
            reason: string;
            /** Format: date-time */
            receivedAt: string;
            from: string;
            org: string;
            caseId?: number;
            subject: string;
            text?: string;
            excerpt?: string;
            attachments?: {
                filename: string;
                contentType: string;
                size: number;
            }[];
            skippedAttachments?: string[];
            rawMail: {
                key: string;
                size: number;
            };
            decidedBy?: string;
            /** Format: date-time */
            decidedAt?: string;
            outcome?: {
                /** @enum {string} */
                kind: "ticket" | "message";
                caseId: number;
            };
        };
        HeldMailList: {
            items: components["schemas"]["HeldMail"][];
            cursor?: string;
        };
        Health: {
            /** @constant */
            status: "ok";
            /** Format: date-time */
            time: string;
        };
        OpenApi: {
            openapi: string;
        } & {
            [key: string]: unknown;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
    };
    responses: {
        /** @description The request is not valid: `errors` names each bad field by its path */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/400",
                 *       "title": "Bad Request",
                 *       "status": 400,
                 *       "detail": "the body is not valid",
                 *       "errors": [
                 *         {
                 *           "path": "subject",
                 *           "message": "required"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No valid bearer token */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/401",
                 *       "title": "Error",
                 *       "status": 401,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller may not use this route, or their token names no organisation */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/403",
                 *       "title": "Error",
                 *       "status": 403,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource, or not one the caller may see */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/404",
                 *       "title": "Error",
                 *       "status": 404,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource changed meanwhile, or a request with this Idempotency-Key is still being processed */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/409",
                 *       "title": "Error",
                 *       "status": 409,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The link has expired */
        Gone: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/410",
                 *       "title": "Error",
                 *       "status": 410,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is too large */
        ContentTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/413",
                 *       "title": "Error",
                 *       "status": 413,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not application/json */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/415",
                 *       "title": "Error",
                 *       "status": 415,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request is well-formed but names what does not exist or does not fit the policy */
        UnprocessableContent: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/422",
                 *       "title": "Error",
                 *       "status": 422,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The organisation's rate limit; try again after `Retry-After` seconds */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/429",
                 *       "title": "Error",
                 *       "status": 429,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Something went wrong on our side; the request was not carried out */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://sla-escalator.dev/problems/500",
                 *       "title": "Error",
                 *       "status": 500,
                 *       "detail": "what went wrong"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "time": "2026-03-02T14:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApi"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listOrgs: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createOrg: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "acme-kore",
                 *       "name": "ACME (KORE)",
                 *       "policy": "kore",
                 *       "tier": "diamond",
                 *       "region": "us",
                 *       "emailDomains": [
                 *         "acme.example"
                 *       ],
                 *       "contacts": [
                 *         "support-contract@acme.example"
                 *       ]
                 *     }
                 */
                "application/json": {
                    name: string;
                    policy: string;
                    tier: string;
                    region?: string;
                    emailDomains?: string[];
                    contacts?: string[];
                    monthlyReport?: boolean;
                    id: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme-kore",
                     *       "name": "ACME (KORE)",
                     *       "policy": "kore",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "tiers": [
                     *         {
                     *           "tier": "diamond",
                     *           "from": "2026-03-01T09:00:00.000Z",
                     *           "source": "admin"
                     *         }
                     *       ],
                     *       "emailDomains": [],
                     *       "contacts": [],
                     *       "monthlyReport": false,
                     *       "createdAt": "2026-03-01T09:00:00.000Z",
                     *       "updatedAt": "2026-03-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Org"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getOrg: {
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
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme-kore",
                     *       "name": "ACME (KORE)",
                     *       "policy": "kore",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "tiers": [
                     *         {
                     *           "tier": "diamond",
                     *           "from": "2026-03-01T09:00:00.000Z",
                     *           "source": "admin"
                     *         }
                     *       ],
                     *       "emailDomains": [],
                     *       "contacts": [],
                     *       "monthlyReport": false,
                     *       "createdAt": "2026-03-01T09:00:00.000Z",
                     *       "updatedAt": "2026-03-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Org"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    putOrg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "ACME (KORE)",
                 *       "policy": "kore",
                 *       "tier": "diamond",
                 *       "region": "us"
                 *     }
                 */
                "application/json": {
                    name: string;
                    policy: string;
                    tier: string;
                    region?: string;
                    emailDomains?: string[];
                    contacts?: string[];
                    monthlyReport?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme-kore",
                     *       "name": "ACME (KORE)",
                     *       "policy": "kore",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "tiers": [
                     *         {
                     *           "tier": "diamond",
                     *           "from": "2026-03-01T09:00:00.000Z",
                     *           "source": "admin"
                     *         }
                     *       ],
                     *       "emailDomains": [],
                     *       "contacts": [],
                     *       "monthlyReport": false,
                     *       "createdAt": "2026-03-01T09:00:00.000Z",
                     *       "updatedAt": "2026-03-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Org"];
                };
            };
            /** @description the organisation was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme-kore",
                     *       "name": "ACME (KORE)",
                     *       "policy": "kore",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "tiers": [
                     *         {
                     *           "tier": "diamond",
                     *           "from": "2026-03-01T09:00:00.000Z",
                     *           "source": "admin"
                     *         }
                     *       ],
                     *       "emailDomains": [],
                     *       "contacts": [],
                     *       "monthlyReport": false,
                     *       "createdAt": "2026-03-01T09:00:00.000Z",
                     *       "updatedAt": "2026-03-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Org"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                sub: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sub": "customer@acme-kore",
                     *       "org": "acme-kore",
                     *       "updatedAt": "2026-03-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Membership"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    putMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                sub: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sub": "customer@acme-kore",
                     *       "org": "acme-kore",
                     *       "updatedAt": "2026-03-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Membership"];
                };
            };
            /** @description the user became a member (of no organisation before) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sub": "customer@acme-kore",
                     *       "org": "acme-kore",
                     *       "updatedAt": "2026-03-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Membership"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                sub: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listPeople: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "ana-lima",
                     *           "name": "Ana Lima",
                     *           "zone": "Europe/Berlin",
                     *           "email": "ana.lima@staff.example",
                     *           "agent": true,
                     *           "sms": [
                     *             {
                     *               "number": "+4915112345678",
                     *               "state": "verified",
                     *               "verifiedAt": "2026-03-01T09:05:00.000Z"
                     *             }
                     *           ],
                     *           "version": 2,
                     *           "updatedAt": "2026-03-01T09:05:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PersonList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createPerson: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "ana-lima",
                 *       "name": "Ana Lima",
                 *       "zone": "Europe/Berlin",
                 *       "email": "ana.lima@staff.example",
                 *       "agent": true,
                 *       "sms": [
                 *         {
                 *           "number": "+4915112345678"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    id: string;
                    name: string;
                    zone: string;
                    /** Format: email */
                    email: string;
                    /** @default false */
                    agent?: boolean;
                    sms?: unknown[];
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ana-lima",
                     *       "name": "Ana Lima",
                     *       "zone": "Europe/Berlin",
                     *       "email": "ana.lima@staff.example",
                     *       "agent": true,
                     *       "sms": [
                     *         {
                     *           "number": "+4915112345678",
                     *           "state": "verified",
                     *           "verifiedAt": "2026-03-01T09:05:00.000Z"
                     *         }
                     *       ],
                     *       "version": 2,
                     *       "updatedAt": "2026-03-01T09:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Person"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getPerson: {
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
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ana-lima",
                     *       "name": "Ana Lima",
                     *       "zone": "Europe/Berlin",
                     *       "email": "ana.lima@staff.example",
                     *       "agent": true,
                     *       "sms": [
                     *         {
                     *           "number": "+4915112345678",
                     *           "state": "verified",
                     *           "verifiedAt": "2026-03-01T09:05:00.000Z"
                     *         }
                     *       ],
                     *       "version": 2,
                     *       "updatedAt": "2026-03-01T09:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Person"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    putPerson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "ana-lima",
                 *       "name": "Ana Lima",
                 *       "zone": "Europe/Berlin",
                 *       "email": "ana.lima@staff.example",
                 *       "agent": true,
                 *       "sms": [
                 *         {
                 *           "number": "+4915112345678"
                 *         }
                 *       ],
                 *       "version": 2
                 *     }
                 */
                "application/json": {
                    id: string;
                    name: string;
                    zone: string;
                    /** Format: email */
                    email: string;
                    /** @default false */
                    agent?: boolean;
                    sms?: unknown[];
                    version: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ana-lima",
                     *       "name": "Ana Lima",
                     *       "zone": "Europe/Berlin",
                     *       "email": "ana.lima@staff.example",
                     *       "agent": true,
                     *       "sms": [
                     *         {
                     *           "number": "+4915112345678",
                     *           "state": "verified",
                     *           "verifiedAt": "2026-03-01T09:05:00.000Z"
                     *         }
                     *       ],
                     *       "version": 2,
                     *       "updatedAt": "2026-03-01T09:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Person"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deletePerson: {
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
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    sendVerificationCode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            202: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "number": "+4915112345678",
                     *       "expiresAt": "2026-03-01T09:10:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["SmsVerification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    verifyNumber: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                number: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "123456"
                 *     }
                 */
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ana-lima",
                     *       "name": "Ana Lima",
                     *       "zone": "Europe/Berlin",
                     *       "email": "ana.lima@staff.example",
                     *       "agent": true,
                     *       "sms": [
                     *         {
                     *           "number": "+4915112345678",
                     *           "state": "verified",
                     *           "verifiedAt": "2026-03-01T09:05:00.000Z"
                     *         }
                     *       ],
                     *       "version": 2,
                     *       "updatedAt": "2026-03-01T09:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Person"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listShifts: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "role": "manager",
                     *           "start": "2026-03-02T08:00:00.000Z",
                     *           "end": "2026-03-09T08:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ShiftList"];
                    "text/calendar": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listRoles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "role": "manager",
                     *           "name": "Customer Support Manager",
                     *           "onCall": [
                     *             {
                     *               "id": "ana-lima",
                     *               "name": "Ana Lima"
                     *             }
                     *           ],
                     *           "rotation": {
                     *             "participants": [
                     *               "ana-lima",
                     *               "ben-ode"
                     *             ],
                     *             "shift": {
                     *               "length": 1,
                     *               "unit": "weeks"
                     *             },
                     *             "handoff": "2026-03-02T08:00:00.000Z",
                     *             "zone": "Europe/Berlin"
                     *           },
                     *           "overrides": [],
                     *           "version": 3
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RoleList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getRotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                role: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "role": "manager",
                     *       "rotation": {
                     *         "participants": [
                     *           "ana-lima",
                     *           "ben-ode"
                     *         ],
                     *         "shift": {
                     *           "length": 1,
                     *           "unit": "weeks"
                     *         },
                     *         "handoff": "2026-03-02T08:00:00.000Z",
                     *         "zone": "Europe/Berlin"
                     *       },
                     *       "overrides": [
                     *         {
                     *           "id": "ana-dentist",
                     *           "start": "2026-03-04T08:00:00.000Z",
                     *           "end": "2026-03-04T12:00:00.000Z",
                     *           "kind": "replace",
                     *           "from": "ana-lima",
                     *           "to": "ben-ode"
                     *         }
                     *       ],
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RoleSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    putRotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                role: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "rotation": {
                 *         "participants": [
                 *           "ana-lima",
                 *           "ben-ode"
                 *         ],
                 *         "shift": {
                 *           "length": 1,
                 *           "unit": "weeks"
                 *         },
                 *         "handoff": "2026-03-02T08:00:00.000Z",
                 *         "zone": "Europe/Berlin"
                 *       },
                 *       "version": 0
                 *     }
                 */
                "application/json": {
                    rotation: {
                        participants: string[];
                        shift: {
                            length: number;
                            /** @enum {string} */
                            unit: "hours" | "days" | "weeks";
                        };
                        handoff: string;
                        zone: string;
                        activeHours?: {
                            sun?: string[];
                            mon?: string[];
                            tue?: string[];
                            wed?: string[];
                            thu?: string[];
                            fri?: string[];
                            sat?: string[];
                        };
                    };
                    layers?: {
                        participants: string[];
                        shift: {
                            length: number;
                            /** @enum {string} */
                            unit: "hours" | "days" | "weeks";
                        };
                        handoff: string;
                        zone: string;
                        activeHours?: {
                            sun?: string[];
                            mon?: string[];
                            tue?: string[];
                            wed?: string[];
                            thu?: string[];
                            fri?: string[];
                            sat?: string[];
                        };
                    }[];
                    version: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "role": "manager",
                     *       "rotation": {
                     *         "participants": [
                     *           "ana-lima",
                     *           "ben-ode"
                     *         ],
                     *         "shift": {
                     *           "length": 1,
                     *           "unit": "weeks"
                     *         },
                     *         "handoff": "2026-03-02T08:00:00.000Z",
                     *         "zone": "Europe/Berlin"
                     *       },
                     *       "overrides": [
                     *         {
                     *           "id": "ana-dentist",
                     *           "start": "2026-03-04T08:00:00.000Z",
                     *           "end": "2026-03-04T12:00:00.000Z",
                     *           "kind": "replace",
                     *           "from": "ana-lima",
                     *           "to": "ben-ode"
                     *         }
                     *       ],
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RoleSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    addOverride: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                role: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "ana-dentist",
                 *       "start": "2026-03-04T08:00:00.000Z",
                 *       "end": "2026-03-04T12:00:00.000Z",
                 *       "kind": "replace",
                 *       "from": "ana-lima",
                 *       "to": "ben-ode"
                 *     }
                 */
                "application/json": {
                    id: string;
                    start: string;
                    end: string;
                    /** @constant */
                    kind: "replace";
                    from: string;
                    to: string;
                } | {
                    id: string;
                    start: string;
                    end: string;
                    /** @constant */
                    kind: "add";
                    person: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "role": "manager",
                     *       "rotation": {
                     *         "participants": [
                     *           "ana-lima",
                     *           "ben-ode"
                     *         ],
                     *         "shift": {
                     *           "length": 1,
                     *           "unit": "weeks"
                     *         },
                     *         "handoff": "2026-03-02T08:00:00.000Z",
                     *         "zone": "Europe/Berlin"
                     *       },
                     *       "overrides": [
                     *         {
                     *           "id": "ana-dentist",
                     *           "start": "2026-03-04T08:00:00.000Z",
                     *           "end": "2026-03-04T12:00:00.000Z",
                     *           "kind": "replace",
                     *           "from": "ana-lima",
                     *           "to": "ben-ode"
                     *         }
                     *       ],
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RoleSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                role: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getOnCall: {
        parameters: {
            query?: {
                at?: string;
            };
            header?: never;
            path: {
                role: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "role": "manager",
                     *       "at": "2026-03-02T14:00:00.000Z",
                     *       "people": [
                     *         {
                     *           "id": "ana-lima",
                     *           "name": "Ana Lima"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OnCall"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listTickets: {
        parameters: {
            query?: {
                status?: "open" | "pending_customer" | "resolved" | "closed";
                cursor?: string;
                org?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "caseId": 1042,
                     *           "org": "acme-kore",
                     *           "status": "open",
                     *           "subject": "API down",
                     *           "severity": "urgent",
                     *           "tier": "diamond",
                     *           "region": "us",
                     *           "policy": {
                     *             "id": "kore",
                     *             "version": 1
                     *           },
                     *           "channel": "api",
                     *           "nextDue": "2026-03-02T14:15:00.000Z",
                     *           "createdAt": "2026-03-02T14:00:00.000Z",
                     *           "updatedAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ],
                     *       "cursor": "eyJjYXNlSWQiOjEwNDJ9"
                     *     }
                     */
                    "application/json": components["schemas"]["TicketList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createTicket: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "subject": "API down",
                 *       "description": "Every call answers 503.",
                 *       "severity": "urgent"
                 *     }
                 */
                "application/json": {
                    subject: string;
                    description: string;
                    severity: string;
                    category?: string;
                    fields?: {
                        [key: string]: string;
                    };
                    org?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "caseId": 1042,
                     *       "org": "acme-kore",
                     *       "status": "open",
                     *       "subject": "API down",
                     *       "description": "Every call answers 503.",
                     *       "fields": {},
                     *       "severity": "urgent",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "policy": {
                     *         "id": "kore",
                     *         "version": 1
                     *       },
                     *       "channel": "api",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "deadlines": [
                     *         {
                     *           "id": "response-1",
                     *           "kind": "response",
                     *           "due": "2026-03-02T14:15:00.000Z",
                     *           "state": "pending"
                     *         }
                     *       ],
                     *       "timeline": [
                     *         {
                     *           "seq": 1,
                     *           "at": "2026-03-02T14:00:00.000Z",
                     *           "type": "created",
                     *           "actor": {
                     *             "kind": "customer",
                     *             "id": "customer@acme-kore"
                     *           }
                     *         }
                     *       ],
                     *       "timeMinutes": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "caseId": 1042,
                     *       "org": "acme-kore",
                     *       "status": "open",
                     *       "subject": "API down",
                     *       "description": "Every call answers 503.",
                     *       "fields": {},
                     *       "severity": "urgent",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "policy": {
                     *         "id": "kore",
                     *         "version": 1
                     *       },
                     *       "channel": "api",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "deadlines": [
                     *         {
                     *           "id": "response-1",
                     *           "kind": "response",
                     *           "due": "2026-03-02T14:15:00.000Z",
                     *           "state": "pending"
                     *         }
                     *       ],
                     *       "timeline": [
                     *         {
                     *           "seq": 1,
                     *           "at": "2026-03-02T14:00:00.000Z",
                     *           "type": "created",
                     *           "actor": {
                     *             "kind": "customer",
                     *             "id": "customer@acme-kore"
                     *           }
                     *         }
                     *       ],
                     *       "timeMinutes": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    updateTicket: {
        parameters: {
            query?: {
                dryRun?: "true" | "false";
            };
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "resolved"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    status?: "open" | "pending_customer" | "resolved" | "closed";
                    severity?: string;
                    assignee?: string;
                    category?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "caseId": 1042,
                     *       "org": "acme-kore",
                     *       "status": "open",
                     *       "subject": "API down",
                     *       "description": "Every call answers 503.",
                     *       "fields": {},
                     *       "severity": "urgent",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "policy": {
                     *         "id": "kore",
                     *         "version": 1
                     *       },
                     *       "channel": "api",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "deadlines": [
                     *         {
                     *           "id": "response-1",
                     *           "kind": "response",
                     *           "due": "2026-03-02T14:15:00.000Z",
                     *           "state": "pending"
                     *         }
                     *       ],
                     *       "timeline": [
                     *         {
                     *           "seq": 1,
                     *           "at": "2026-03-02T14:00:00.000Z",
                     *           "type": "created",
                     *           "actor": {
                     *             "kind": "customer",
                     *             "id": "customer@acme-kore"
                     *           }
                     *         }
                     *       ],
                     *       "timeMinutes": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getTimeline: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "seq": 1,
                     *           "at": "2026-03-02T14:00:00.000Z",
                     *           "type": "created",
                     *           "actor": {
                     *             "kind": "customer",
                     *             "id": "customer@acme-kore"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TimelinePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    addMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "We restarted the gateway; calls answer again.",
                 *       "public": true
                 *     }
                 */
                "application/json": {
                    body: string;
                    public: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "caseId": 1042,
                     *       "org": "acme-kore",
                     *       "status": "open",
                     *       "subject": "API down",
                     *       "description": "Every call answers 503.",
                     *       "fields": {},
                     *       "severity": "urgent",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "policy": {
                     *         "id": "kore",
                     *         "version": 1
                     *       },
                     *       "channel": "api",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "deadlines": [
                     *         {
                     *           "id": "response-1",
                     *           "kind": "response",
                     *           "due": "2026-03-02T14:15:00.000Z",
                     *           "state": "pending"
                     *         }
                     *       ],
                     *       "timeline": [
                     *         {
                     *           "seq": 1,
                     *           "at": "2026-03-02T14:00:00.000Z",
                     *           "type": "created",
                     *           "actor": {
                     *             "kind": "customer",
                     *             "id": "customer@acme-kore"
                     *           }
                     *         }
                     *       ],
                     *       "timeMinutes": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    escalateTicket: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Still down after an hour"
                 *     }
                 */
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "caseId": 1042,
                     *       "org": "acme-kore",
                     *       "status": "open",
                     *       "subject": "API down",
                     *       "description": "Every call answers 503.",
                     *       "fields": {},
                     *       "severity": "urgent",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "policy": {
                     *         "id": "kore",
                     *         "version": 1
                     *       },
                     *       "channel": "api",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "deadlines": [
                     *         {
                     *           "id": "response-1",
                     *           "kind": "response",
                     *           "due": "2026-03-02T14:15:00.000Z",
                     *           "state": "pending"
                     *         }
                     *       ],
                     *       "timeline": [
                     *         {
                     *           "seq": 1,
                     *           "at": "2026-03-02T14:00:00.000Z",
                     *           "type": "created",
                     *           "actor": {
                     *             "kind": "customer",
                     *             "id": "customer@acme-kore"
                     *           }
                     *         }
                     *       ],
                     *       "timeMinutes": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description a repeat within the policy's coalescing window: it joined the pending escalation (`joined`), nothing more is paged */
            202: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JoinedEscalation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getQueue: {
        parameters: {
            query?: {
                policy?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "policy": "kore",
                     *       "items": [
                     *         {
                     *           "caseId": 1042,
                     *           "org": "acme-kore",
                     *           "status": "open",
                     *           "subject": "API down",
                     *           "severity": "urgent",
                     *           "tier": "diamond",
                     *           "region": "us",
                     *           "policy": {
                     *             "id": "kore",
                     *             "version": 1
                     *           },
                     *           "channel": "api",
                     *           "nextDue": "2026-03-02T14:15:00.000Z",
                     *           "createdAt": "2026-03-02T14:00:00.000Z",
                     *           "updatedAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Queue"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createPolicy: {
        parameters: {
            query?: {
                dryRun?: "true" | "false";
            };
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    version?: number;
                } & {
                    [key: string]: unknown;
                };
                "application/yaml": string;
            };
        };
        responses: {
            /** @description a dry run: nothing was stored */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyDryRun"];
                };
            };
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getPolicy: {
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
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listPolicyVersions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    publishPolicyVersion: {
        parameters: {
            query?: {
                dryRun?: "true" | "false";
            };
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    version?: number;
                } & {
                    [key: string]: unknown;
                };
                "application/yaml": string;
            };
        };
        responses: {
            /** @description a dry run: nothing was stored */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyDryRun"];
                };
            };
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getPolicyVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    planTicket: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "severity": "urgent",
                 *       "tier": "diamond",
                 *       "region": "us",
                 *       "at": "2026-03-02T14:00:00Z"
                 *     }
                 */
                "application/json": {
                    severity: string;
                    tier: string;
                    region?: string;
                    at: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "policy": {
                     *         "id": "kore",
                     *         "version": 1
                     *       },
                     *       "deadlines": [
                     *         {
                     *           "kind": "response",
                     *           "due": "2026-03-02T14:15:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PlanPreview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listHeldMail: {
        parameters: {
            query?: {
                status?: "held" | "accepted" | "rejected";
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeldMailList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getHeldMail: {
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
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeldMail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    acceptHeldMail: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeldMail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    rejectHeldMail: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeldMail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                org?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "wh_3q2-7wLkRM6bQ1xU9a0ZcA",
                     *           "scope": "org",
                     *           "org": "acme-kore",
                     *           "url": "https://hooks.acme.example/sla",
                     *           "events": [
                     *             "ticket.created",
                     *             "deadline.breached"
                     *           ],
                     *           "description": "Our incident bot",
                     *           "state": "active",
                     *           "contact": "ops@acme.example",
                     *           "secrets": [
                     *             {
                     *               "createdAt": "2026-03-02T14:00:00.000Z"
                     *             }
                     *           ],
                     *           "health": {},
                     *           "createdBy": "customer@acme-kore",
                     *           "createdAt": "2026-03-02T14:00:00.000Z",
                     *           "updatedAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://hooks.acme.example/sla",
                 *       "events": [
                 *         "ticket.created",
                 *         "deadline.breached"
                 *       ],
                 *       "description": "Our incident bot",
                 *       "contact": "ops@acme.example"
                 *     }
                 */
                "application/json": {
                    url: string;
                    events: ("ticket.created" | "ticket.updated" | "ticket.resolved" | "deadline.breached" | "page.sent")[];
                    description?: string;
                    /** Format: email */
                    contact?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wh_3q2-7wLkRM6bQ1xU9a0ZcA",
                     *       "scope": "org",
                     *       "org": "acme-kore",
                     *       "url": "https://hooks.acme.example/sla",
                     *       "events": [
                     *         "ticket.created",
                     *         "deadline.breached"
                     *       ],
                     *       "description": "Our incident bot",
                     *       "state": "active",
                     *       "contact": "ops@acme.example",
                     *       "secrets": [
                     *         {
                     *           "createdAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ],
                     *       "health": {},
                     *       "createdBy": "customer@acme-kore",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw8yUJFP8wRbQ="
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getWebhook: {
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
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wh_3q2-7wLkRM6bQ1xU9a0ZcA",
                     *       "scope": "org",
                     *       "org": "acme-kore",
                     *       "url": "https://hooks.acme.example/sla",
                     *       "events": [
                     *         "ticket.created",
                     *         "deadline.breached"
                     *       ],
                     *       "description": "Our incident bot",
                     *       "state": "active",
                     *       "contact": "ops@acme.example",
                     *       "secrets": [
                     *         {
                     *           "createdAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ],
                     *       "health": {},
                     *       "createdBy": "customer@acme-kore",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteWebhook: {
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
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "state": "paused"
                 *     }
                 */
                "application/json": {
                    url?: string;
                    events?: ("ticket.created" | "ticket.updated" | "ticket.resolved" | "deadline.breached" | "page.sent")[];
                    description?: string;
                    /** @enum {string} */
                    state?: "active" | "paused";
                    /** Format: email */
                    contact?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wh_3q2-7wLkRM6bQ1xU9a0ZcA",
                     *       "scope": "org",
                     *       "org": "acme-kore",
                     *       "url": "https://hooks.acme.example/sla",
                     *       "events": [
                     *         "ticket.created",
                     *         "deadline.breached"
                     *       ],
                     *       "description": "Our incident bot",
                     *       "state": "active",
                     *       "contact": "ops@acme.example",
                     *       "secrets": [
                     *         {
                     *           "createdAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ],
                     *       "health": {},
                     *       "createdBy": "customer@acme-kore",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wh_3q2-7wLkRM6bQ1xU9a0ZcA",
                     *       "scope": "org",
                     *       "org": "acme-kore",
                     *       "url": "https://hooks.acme.example/sla",
                     *       "events": [
                     *         "ticket.created",
                     *         "deadline.breached"
                     *       ],
                     *       "description": "Our incident bot",
                     *       "state": "active",
                     *       "contact": "ops@acme.example",
                     *       "secrets": [
                     *         {
                     *           "createdAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ],
                     *       "health": {},
                     *       "createdBy": "customer@acme-kore",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw8yUJFP8wRbQ="
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "eventId": "evt_1042_v1_created",
                     *           "eventType": "ticket.created",
                     *           "caseId": 1042,
                     *           "state": "failed",
                     *           "attempts": [
                     *             {
                     *               "at": "2026-03-02T14:00:01.000Z",
                     *               "ms": 10000,
                     *               "error": "timed out after 10 s"
                     *             },
                     *             {
                     *               "at": "2026-03-02T14:00:31.000Z",
                     *               "ms": 84,
                     *               "status": 503
                     *             }
                     *           ],
                     *           "nextAttemptAt": null,
                     *           "createdAt": "2026-03-02T14:00:00.000Z"
                     *         }
                     *       ],
                     *       "cursor": "MTc3MjQ2MDAwMDAwMCNldnRfMTA0Ml92MV9jcmVhdGVk"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            202: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "eventId": "evt_1042_v1_created",
                     *       "eventType": "ticket.created",
                     *       "caseId": 1042,
                     *       "state": "failed",
                     *       "attempts": [
                     *         {
                     *           "at": "2026-03-02T14:00:01.000Z",
                     *           "ms": 10000,
                     *           "error": "timed out after 10 s"
                     *         },
                     *         {
                     *           "at": "2026-03-02T14:00:31.000Z",
                     *           "ms": 84,
                     *           "status": 503
                     *         }
                     *       ],
                     *       "nextAttemptAt": null,
                     *       "createdAt": "2026-03-02T14:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getAck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ack"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    acknowledgeByLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ack"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            410: components["responses"]["Gone"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    acknowledgePage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deadline: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "caseId": 1042,
                     *       "org": "acme-kore",
                     *       "status": "open",
                     *       "subject": "API down",
                     *       "description": "Every call answers 503.",
                     *       "fields": {},
                     *       "severity": "urgent",
                     *       "tier": "diamond",
                     *       "region": "us",
                     *       "policy": {
                     *         "id": "kore",
                     *         "version": 1
                     *       },
                     *       "channel": "api",
                     *       "createdAt": "2026-03-02T14:00:00.000Z",
                     *       "updatedAt": "2026-03-02T14:00:00.000Z",
                     *       "deadlines": [
                     *         {
                     *           "id": "response-1",
                     *           "kind": "response",
                     *           "due": "2026-03-02T14:15:00.000Z",
                     *           "state": "pending"
                     *         }
                     *       ],
                     *       "timeline": [
                     *         {
                     *           "seq": 1,
                     *           "at": "2026-03-02T14:00:00.000Z",
                     *           "type": "created",
                     *           "actor": {
                     *             "kind": "customer",
                     *             "id": "customer@acme-kore"
                     *           }
                     *         }
                     *       ],
                     *       "timeMinutes": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listTierReviews: {
        parameters: {
            query: {
                policy: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "policy": "tiered",
                     *           "quarter": "2027-Q2",
                     *           "currency": "EUR",
                     *           "moves": [
                     *             {
                     *               "org": "globex",
                     *               "from": "gold",
                     *               "to": "platinum",
                     *               "moved": true,
                     *               "turnover": 3150000,
                     *               "turnoverText": "31500.00",
                     *               "reason": "turnover 31500.00 EUR reaches the platinum threshold of 30000.00 EUR",
                     *               "start": "2027-03-31T22:00:00.000Z"
                     *             }
                     *           ],
                     *           "missing": [
                     *             {
                     *               "org": "initech",
                     *               "tier": "basic"
                     *             }
                     *           ],
                     *           "dryRun": false,
                     *           "revision": 1,
                     *           "state": "applied",
                     *           "by": "admin@example.com",
                     *           "at": "2027-04-01T07:30:00.000Z",
                     *           "appliedAt": "2027-04-01T07:30:01.000Z",
                     *           "replaced": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TierReviewList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    runTierReview: {
        parameters: {
            query?: {
                policy?: string;
                quarter?: string;
                dryRun?: "true" | "false";
            };
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "policy": "tiered",
                 *       "quarter": "2027-Q2",
                 *       "dryRun": true,
                 *       "turnover": [
                 *         {
                 *           "org": "globex",
                 *           "amount": 3150000
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    policy: string;
                    quarter: string;
                    dryRun: boolean;
                    turnover: {
                        org: string;
                        amount: number;
                    }[];
                };
                "text/csv": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "policy": "tiered",
                     *       "quarter": "2027-Q2",
                     *       "currency": "EUR",
                     *       "moves": [
                     *         {
                     *           "org": "globex",
                     *           "from": "gold",
                     *           "to": "platinum",
                     *           "moved": true,
                     *           "turnover": 3150000,
                     *           "turnoverText": "31500.00",
                     *           "reason": "turnover 31500.00 EUR reaches the platinum threshold of 30000.00 EUR",
                     *           "start": "2027-03-31T22:00:00.000Z"
                     *         }
                     *       ],
                     *       "missing": [
                     *         {
                     *           "org": "initech",
                     *           "tier": "basic"
                     *         }
                     *       ],
                     *       "dryRun": false,
                     *       "revision": 1,
                     *       "state": "applied",
                     *       "by": "admin@example.com",
                     *       "at": "2027-04-01T07:30:00.000Z",
                     *       "appliedAt": "2027-04-01T07:30:01.000Z",
                     *       "replaced": []
                     *     }
                     */
                    "application/json": components["schemas"]["TierReview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listNotices: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                state?: "published" | "cancelled";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createNotice: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    body: string;
                    /** @enum {string} */
                    kind: "planned" | "emergency";
                    start: string;
                    end: string;
                    regions?: string[];
                    orgs?: string[];
                    policy?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getNotice: {
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
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    updateNotice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    body?: string;
                    start?: string;
                    end?: string;
                    /** @constant */
                    state?: "cancelled";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getNoticeCalendar: {
        parameters: {
            query?: {
                org?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeCalendar"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getNoticeFeed: {
        parameters: {
            query: {
                sig: string;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listTime: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "caseId": 1042,
                     *       "entries": [
                     *         {
                     *           "entry": "1042-001",
                     *           "minutes": 90,
                     *           "billable": true,
                     *           "at": "2026-03-02T15:30:00.000Z",
                     *           "note": "Traced the 503s to the gateway pool",
                     *           "rev": 1,
                     *           "by": "agent-1",
                     *           "recordedAt": "2026-03-02T17:00:00.000Z",
                     *           "tier": "gold"
                     *         }
                     *       ],
                     *       "totalMinutes": 90,
                     *       "billableMinutes": 90
                     *     }
                     */
                    "application/json": components["schemas"]["TimeEntryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    logTime: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key (and body) answers what the first one did, without doing it again */
                "Idempotency-Key"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "minutes": 90,
                 *       "note": "Traced the 503s to the gateway pool",
                 *       "at": "2026-03-02T15:30:00Z"
                 *     }
                 */
                "application/json": {
                    minutes: number;
                    billable?: boolean;
                    note?: string;
                    at?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    /** @description Present on the answer to a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "entry": "1042-001",
                     *       "minutes": 90,
                     *       "billable": true,
                     *       "at": "2026-03-02T15:30:00.000Z",
                     *       "note": "Traced the 503s to the gateway pool",
                     *       "rev": 1,
                     *       "by": "agent-1",
                     *       "recordedAt": "2026-03-02T17:00:00.000Z",
                     *       "tier": "gold",
                     *       "ticketMinutes": 90
                     *     }
                     */
                    "application/json": components["schemas"]["TimeEntry"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteTime: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
                entry: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    correctTime: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
                entry: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "minutes": 60
                 *     }
                 */
                "application/json": {
                    minutes?: number;
                    billable?: boolean;
                    note?: string;
                    at?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "entry": "1042-001",
                     *       "minutes": 90,
                     *       "billable": true,
                     *       "at": "2026-03-02T15:30:00.000Z",
                     *       "note": "Traced the 503s to the gateway pool",
                     *       "rev": 1,
                     *       "by": "agent-1",
                     *       "recordedAt": "2026-03-02T17:00:00.000Z",
                     *       "tier": "gold",
                     *       "ticketMinutes": 90
                     *     }
                     */
                    "application/json": components["schemas"]["TimeEntry"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getUsage: {
        parameters: {
            query?: {
                period?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "org": "acme-tiered",
                     *       "period": "2027-01",
                     *       "start": "2026-12-31T23:00:00.000Z",
                     *       "end": "2027-01-31T23:00:00.000Z",
                     *       "zone": "Europe/Berlin",
                     *       "status": "closed",
                     *       "tier": "gold",
                     *       "currency": "EUR",
                     *       "includedMinutes": 240,
                     *       "carriedInMinutes": 0,
                     *       "usedMinutes": 300,
                     *       "paidMinutes": 0,
                     *       "coveredMinutes": 0,
                     *       "nonBillableMinutes": 0,
                     *       "overageMinutes": 60,
                     *       "billedOverageMinutes": 60,
                     *       "carriedOutMinutes": 0,
                     *       "lines": [
                     *         {
                     *           "kind": "overage",
                     *           "description": "Support beyond the 4 h included (gold), 2027-01",
                     *           "quantity": 1,
                     *           "unit": "h",
                     *           "unitPrice": 7500,
                     *           "amount": 7500,
                     *           "currency": "EUR",
                     *           "minutes": 60
                     *         }
                     *       ],
                     *       "total": 7500,
                     *       "alerts": {
                     *         "at80": true,
                     *         "at100": true
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UsageStatement"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getSlaReport: {
        parameters: {
            query: {
                org?: string;
                from: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaReport"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
