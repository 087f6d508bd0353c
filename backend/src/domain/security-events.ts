/**
 * The kinds of security event (等保 安全审计), kept apart from the audit chain: a request refused on a
 * protected route (401, 403, 404), a download of a dossier, PDF, file or export, a read of bids, and a
 * notification's e-mail the SMTP server did not take (the operations side of the log).
 */
export const SECURITY_EVENT_KINDS = ['refused', 'download', 'bid-read', 'mail-failed'] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/** The audit chain's verification problems (labels.ts gives each its Chinese name). */
export const AUDIT_PROBLEMS = ['modified', 'broken-link', 'truncated', 'unkeyed', 'other-key', 'checkpoint'] as const;
export type AuditProblem = (typeof AUDIT_PROBLEMS)[number];
