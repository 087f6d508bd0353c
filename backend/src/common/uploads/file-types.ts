/**
 * The files an assessment accepts (reports and evidence): PDF, JPEG, PNG, Excel and Word. A file is
 * taken by its name's extension only when its first bytes say the same, so a renamed executable or
 * an old binary .doc does not pass as one of them.
 */
export const ACCEPTED_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type AcceptedExtension = keyof typeof ACCEPTED_TYPES;

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const startsWith = (content: Buffer, bytes: number[] | Buffer) => content.subarray(0, bytes.length).equals(Buffer.from(bytes));

/** Office files are ZIP archives; the part names (stored uncompressed) tell a workbook from a document. */
const signatures: Record<AcceptedExtension, (content: Buffer) => boolean> = {
  pdf: (c) => startsWith(c, Buffer.from('%PDF-', 'latin1')),
  jpg: (c) => startsWith(c, [0xff, 0xd8, 0xff]),
  jpeg: (c) => startsWith(c, [0xff, 0xd8, 0xff]),
  png: (c) => startsWith(c, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  xlsx: (c) => startsWith(c, ZIP) && c.includes('xl/'),
  docx: (c) => startsWith(c, ZIP) && c.includes('word/'),
};

/** The MIME type of an accepted file, or null. */
export function acceptedType(fileName: string, content: Buffer): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (!ext || !(ext in ACCEPTED_TYPES)) return null;
  return signatures[ext as AcceptedExtension](content) ? ACCEPTED_TYPES[ext as AcceptedExtension] : null;
}
