import { integerText, z } from '../validation';
import { DOCUMENT_KINDS } from '../documents';
import { instant, reply } from './common';

/** Generated PDFs: every generation is a stored version with its SHA-256. */

/** One stored version of a generated PDF, without its bytes. */
export const DocumentInfoSchema = reply({
  id: z.number().int(),
  kind: z.enum(DOCUMENT_KINDS),
  ownerType: z.string(),
  ownerId: z.number().int(),
  version: z.number().int(),
  sha256: z.string(),
  size: z.number().int(),
  createdAt: instant(),
  createdBy: z.number().int().nullable(),
});

/** A document printed in the background: 202 while it is under way (poll the download). */
export const GeneratingSchema = reply({ status: z.literal('generating') });

/** `?version=N` on a PDF download: a stored version; the latest when omitted. */
export const DocumentVersionQuerySchema = z.strictObject({
  version: integerText(1).optional().meta({ description: 'a stored version; the latest when omitted' }),
});

export type DocumentInfo = z.output<typeof DocumentInfoSchema>;
export type DocumentVersionQuery = z.input<typeof DocumentVersionQuerySchema>;
