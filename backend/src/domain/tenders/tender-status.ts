/** The tender lifecycle of DOMAIN.md §2: draft → published → closed → opened → qualification → evaluation → awarded | failed. */
export const TENDER_STATUSES = ['draft', 'published', 'closed', 'opened', 'qualification', 'evaluation', 'awarded', 'failed'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];
