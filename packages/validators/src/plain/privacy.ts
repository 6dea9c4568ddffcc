// privacy.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// privacy.ts re-exports them; the schemas there are built from them.

export const consentPurposes = ["service", "marketing", "analytics", "ai_processing"] as const;

/** Channels an agent may record by hand (the others are written by the widget, WhatsApp or the API). */
export const manualConsentChannels = ["phone", "email", "in_person"] as const;

export const CONSENT_LIMITS = { note: 500, reason: 500, textShown: 5000, textVersion: 40, ip: 64, userAgent: 500 } as const;

export const requestKinds = ["confirmation", "access", "correction", "anonymisation", "deletion", "portability", "sharing_info", "revocation", "automated_review"] as const;

export const requestStatuses = ["awaiting_verification", "open", "in_progress", "fulfilled", "rejected", "expired"] as const;
type RequestStatus = (typeof requestStatuses)[number];

/** The statuses an admin may move a request to, from each status (terminal ones go nowhere). */
export const REQUEST_TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  awaiting_verification: [],
  open: ["in_progress", "fulfilled", "rejected"],
  in_progress: ["fulfilled", "rejected"],
  fulfilled: [],
  rejected: [],
  expired: [],
};

/** Seconds between two codes for one request on /privacidade (the first one counts): the page counts them down, the server refuses sooner. */
export const RESEND_CODE_SECONDS = 60;

export const REQUEST_LIMITS = { name: 120, email: 255, whatsapp: 64, details: 2000, response: 5000, dpoName: 120, dpoPhone: 30, notice: 20000, code: 6 } as const;

export const incidentRisks = ["low", "medium", "high"] as const;

export const INCIDENT_LIMITS = { title: 200, description: 5000, measures: 5000, category: 60, categories: 20, subjects: 100_000_000 } as const;

/** Requests the admins' queue shows at most: the ones to answer first, then the latest closed (a status filter reaches the others). */
export const PRIVACY_QUEUE_LIMIT = 200;
