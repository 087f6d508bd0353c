/**
 * Characters a stored file name does not keep: controls (C0, DEL, C1) and invisible format characters —
 * bidi overrides and isolates, zero-width marks, the BOM. A right-to-left override makes
 * "report\u202Efdp.exe" show as "reportexe.pdf"; without it the name reads, and is typed, as it is.
 */
const HIDDEN = /[\p{Cc}\p{Cf}]/gu;

/** A file name as it is stored and shown: what the user sees is all there is. */
export const visibleFileName = (name: string): string => name.replace(HIDDEN, '');
