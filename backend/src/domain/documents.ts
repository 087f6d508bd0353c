/** The documents the product prints and keeps in versions (README "PDFs"). */
export const DOCUMENT_KINDS = ['contract', 'award-notice', 'evaluation-report', 'assessment-report', 'settlement-statement'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
