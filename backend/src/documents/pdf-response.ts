import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { StoredDocument } from './documents.service';

/**
 * A stored PDF as an HTTP download: application/pdf, the Chinese file name (RFC 5987, with an ASCII
 * fallback for old clients), and the version and SHA-256 so a client can tell which copy it holds.
 */
export function pdfDownload(res: Response, doc: StoredDocument, fileName: string): StreamableFile {
  res.set({ ETag: `"${doc.sha256}"`, 'X-Document-Version': String(doc.version), 'X-Document-SHA256': doc.sha256 });
  return new StreamableFile(doc.content, { type: 'application/pdf', length: doc.size, disposition: attachment(fileName) });
}

/** A download's Content-Disposition: the file name in UTF-8 (RFC 5987) with an ASCII fallback for old clients. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** While a document is printed in the background (DocumentsService.startGeneration): 202, poll again in a second. */
export function pdfPending(res: Response): { status: 'generating' } {
  res.status(202).set('Retry-After', '1');
  return { status: 'generating' };
}
