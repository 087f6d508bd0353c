import { constants as zlibConstants, inflateRawSync, inflateSync } from 'node:zlib';
import type { Refused } from '../errors';

/**
 * What is inside an uploaded file, read before anything else reads it: a PDF must not carry script,
 * automatic actions or embedded files (it is handed to the insurer and the bureau to open), and an
 * Office file (a ZIP archive) must have its parts and unpack to a bounded size — a few hundred KB can
 * unpack to gigabytes (a "zip bomb"), which is what a workbook parser would then hold in memory.
 */

export interface ZipLimits {
  /** Parts in the archive. */
  entries: number;
  /** Bytes all parts unpack to, together. */
  totalBytes: number;
}

/** The names of an archive's parts, and the bytes of those asked for. */
export type Unpacked = { ok: true; names: Set<string>; kept: Map<string, Buffer> } | ({ ok: false } & Refused);

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_MIN = 22;
const ZIP64_MARK = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED = 0x1;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The parts of a ZIP archive, unpacked within `limits`, reading its central directory (the list of
 * parts with their sizes) first: an archive whose listed sizes are above the limits is refused before
 * anything is unpacked, and each part is then unpacked with its listed size as a hard ceiling, so a part
 * that unpacks to more than it claims is refused as soon as it passes the claim. `keep` says which parts'
 * bytes are returned (the others are unpacked only to be measured). Encrypted parts, methods other than
 * stored and deflate, and ZIP64 (not needed below 4 GB) are refused as unreadable.
 */
export function unpackZip(content: Buffer, limits: ZipLimits, keep: (name: string) => boolean = () => false): Unpacked {
  const invalid = { ok: false as const, code: 'archiveInvalid' as const };
  const tooLarge = { ok: false as const, code: 'unpacksTooLarge' as const, params: { max: megabytes(limits.totalBytes) } };
  const end = findEndOfCentralDirectory(content);
  if (end < 0) return invalid;
  const count = content.readUInt16LE(end + 10);
  if (count > limits.entries) return { ok: false, code: 'archiveEntries', params: { max: limits.entries } };
  let at = content.readUInt32LE(end + 16);
  const listed: { name: string; method: number; compressed: number; size: number; local: number }[] = [];
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > content.length || content.readUInt32LE(at) !== CENTRAL) return invalid;
    const flags = content.readUInt16LE(at + 8);
    const method = content.readUInt16LE(at + 10);
    const compressed = content.readUInt32LE(at + 20);
    const size = content.readUInt32LE(at + 24);
    const nameLength = content.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32);
    if (next > content.length) return invalid;
    if (flags & ENCRYPTED || (method !== STORED && method !== DEFLATED) || compressed === ZIP64_MARK || size === ZIP64_MARK) return invalid;
    const name = content.toString('utf8', at + 46, at + 46 + nameLength);
    listed.push({ name, method, compressed, size, local: content.readUInt32LE(at + 42) });
    declared += size;
    at = next;
  }
  if (declared > limits.totalBytes) return tooLarge;
  const kept = new Map<string, Buffer>();
  for (const part of listed) {
    const { local } = part;
    if (local + 30 > content.length || content.readUInt32LE(local) !== LOCAL) return invalid;
    const start = local + 30 + content.readUInt16LE(local + 26) + content.readUInt16LE(local + 28);
    if (start + part.compressed > content.length) return invalid;
    const data = content.subarray(start, start + part.compressed);
    let unpacked: Buffer;
    try {
      // One byte above the claim: a part that reaches it claimed less than it holds.
      unpacked = part.method === STORED ? data : inflateRawSync(data, { maxOutputLength: part.size + 1 });
    } catch (e) {
      return (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge : invalid;
    }
    if (unpacked.length !== part.size) return unpacked.length > part.size ? tooLarge : invalid;
    if (keep(part.name)) kept.set(part.name, unpacked);
  }
  return { ok: true, names: new Set(listed.map((p) => p.name)), kept };
}

/** The end-of-central-directory record, searched backwards past a comment of up to 64 KB. */
function findEndOfCentralDirectory(content: Buffer): number {
  const lowest = Math.max(0, content.length - EOCD_MIN - 0xffff);
  for (let at = content.length - EOCD_MIN; at >= lowest; at--) {
    if (content.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/** The parts an Office file of each kind cannot do without. */
export const REQUIRED_PARTS = {
  xlsx: ['[Content_Types].xml', 'xl/workbook.xml'],
  docx: ['[Content_Types].xml', 'word/document.xml'],
} as const;

/** Limits for an Office file that is only stored (evidence, reports): far above any real document. */
export const STORED_OFFICE_LIMITS: ZipLimits = { entries: 2000, totalBytes: 64 * 1024 * 1024 };

/** An Office file: its parts present, its size unpacked within `limits`. */
export function checkOfficeFile(content: Buffer, kind: keyof typeof REQUIRED_PARTS, limits: ZipLimits): Refused | null {
  const unpacked = unpackZip(content, limits);
  if (!unpacked.ok) return unpacked;
  const missing = REQUIRED_PARTS[kind].filter((name) => !unpacked.names.has(name));
  return missing.length ? { code: 'officeParts', params: { parts: missing.join(', ') } } : null;
}

/**
 * What a PDF may not carry: script (/JavaScript, /JS), actions run on opening or on events (/OpenAction,
 * /AA), launching programs (/Launch), embedded files (/EmbeddedFile, /EmbeddedFiles) and rich media.
 */
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'OpenAction', 'AA', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia']);
/** A PDF name (`/OpenAction`), up to the next delimiter; `#4A` in a name is the byte 0x4A. */
const NAME = /\/([^\s/<>[\]()%{}]+)/g;
const STREAM = /(?<!end)stream\r?\n/g;
const END_STREAM = 'endstream';
/** What the compressed streams of one PDF may unpack to, together, while they are searched. */
const PDF_STREAM_BYTES = 64 * 1024 * 1024;

const names = (text: string) =>
  [...text.matchAll(NAME)].map(([, name]) =>
    name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );

/**
 * A PDF without the active content above. Its objects are searched as written, and so are its streams
 * — unfiltered ones as they are, deflated ones unpacked (object streams hold dictionaries too, the
 * catalogue's /OpenAction among them), within PDF_STREAM_BYTES. Streams under other filters (images)
 * hold no dictionaries and are not searched: their bytes would match names by chance.
 */
export function checkPdf(content: Buffer): Refused | null {
  const text = content.toString('latin1');
  const found = new Set<string>();
  const search = (part: string) => names(part).forEach((name) => ACTIVE_NAMES.has(name) && found.add(name));
  let budget = PDF_STREAM_BYTES;
  for (let from = 0; from < text.length;) {
    STREAM.lastIndex = from;
    const open = STREAM.exec(text);
    const outside = text.slice(from, open ? open.index : text.length);
    search(outside);
    if (!open) break;
    const data = open.index + open[0].length;
    const stop = text.indexOf(END_STREAM, data);
    const end = stop < 0 ? text.length : stop;
    const filters = names(outside.slice(outside.lastIndexOf(' obj')));
    if (!filters.includes('Filter')) search(text.slice(data, end));
    else if (filters.includes('FlateDecode')) {
      try {
        const unpacked = inflateSync(content.subarray(data, end), { maxOutputLength: budget, finishFlush: zlibConstants.Z_SYNC_FLUSH });
        budget -= unpacked.length;
        search(unpacked.toString('latin1'));
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          return { code: 'unpacksTooLarge', params: { max: megabytes(PDF_STREAM_BYTES) } };
        // A stream that does not unpack is no dictionary a reader would follow either.
      }
    }
    from = end + END_STREAM.length;
  }
  return found.size ? { code: 'pdfActive', params: { found: [...found].sort().join(', ') } } : null;
}
