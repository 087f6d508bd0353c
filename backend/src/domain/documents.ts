/** The documents the product prints and keeps in versions (README "PDFs"). */
export const DOCUMENT_KINDS = ['contract', 'award-notice', 'evaluation-report', 'assessment-report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
