import type { CheckedFile } from '../common/uploads/file-upload';
import type { DossierBid } from '../domain/dossier/dossier.types';

/**
 * What an electronic envelope holds once opened: the bid as validated on arrival (its lot, bidder and
 * submitting address included) and its documents. Laid out as the header's length (4 bytes), the
 * header (JSON: the bid and each document's name, type, size and hash) and the documents' bytes one
 * after the other, so that documents are not inflated by base64.
 */
export interface EnvelopeContent {
  bid: DossierBid;
  documents: CheckedFile[];
}

interface Header {
  bid: DossierBid;
  documents: (Omit<CheckedFile, 'content'> & { size: number })[];
}

export function encodeEnvelope({ bid, documents }: EnvelopeContent): Buffer {
  const header: Header = { bid, documents: documents.map(({ content, ...meta }) => ({ ...meta, size: content.length })) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, ...documents.map((d) => d.content)]);
}

export function decodeEnvelope(bytes: Buffer): EnvelopeContent {
  const length = bytes.readUInt32BE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
  let at = 4 + length;
  const documents = header.documents.map(({ size, ...meta }) => {
    const content = bytes.subarray(at, at + size);
    at += size;
    return { ...meta, content };
  });
  return { bid: header.bid, documents };
}
