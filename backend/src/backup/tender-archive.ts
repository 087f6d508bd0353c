import { createHmac, timingSafeEqual } from 'node:crypto';
import JSZip from 'jszip';
import { AuditEntry } from '../audit/audit-entry.entity';
import { entryHash, keyId } from '../audit/audit-chain';
import { sha256 } from './backup-file';

/**
 * The tender archive (电子档案): one ZIP with the tender's dossier, every stored PDF and file of it,
 * the audit entries that concern it and a manifest of hashes, checked offline by `cli archive verify`.
 *
 * What a check can find:
 * - any changed byte anywhere in the file: the ZIP comment holds the SHA-256 of every byte before it;
 * - which part changed: each part's SHA-256 in the manifest (and each entry's CRC);
 * - with AUDIT_KEY, a forger who rewrote a part *and* its hashes: the manifest carries an HMAC under
 *   the key (the audit chain's key), and each PDF and file must appear, with its hash, in an audit
 *   entry of the archive, whose own HMACs need the key too.
 *
 * The audit entries of one tender are not a contiguous stretch of the chain (other tenders' entries lie
 * between them). Each archived entry carries its predecessor's hash (`prevHash`) and its own; the check
 * recomputes every entry's hash from its content and that predecessor hash — proving the entry and its
 * link unchanged — and, where two archived entries are neighbours in the chain (consecutive ids), that
 * the later one names the earlier one's hash. The manifest also records the chain's head at export, so
 * the archive can be matched later against the live chain (`audit verify`).
 */

export const ARCHIVE_FORMAT = 'hcprocure-tender-archive';
export const ARCHIVE_FORMAT_VERSION = 1;

export interface ArchivedFile {
  path: string;
  sha256: string;
  size: number;
  /** Where it came from: the stored document or file and its record. */
  source?: Record<string, unknown>;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  product: { name: string; version: string };
  createdAt: string;
  tender: { id: number; code: string; name: string; status: string };
  files: ArchivedFile[];
  audit: { entries: number; chainHead: { id: number; hash: string } | null };
  /** The id of the AUDIT_KEY that keyed the manifest (null: not keyed). */
  keys: { AUDIT_KEY: string | null };
  /** HMAC-SHA256 under AUDIT_KEY of the manifest without this field. */
  hmac?: string;
}

/** An audit entry as archived: every field of the record, the date as ISO 8601. */
export type ArchivedAuditEntry = Omit<AuditEntry, 'at'> & { at: string };

const HMAC_CONTEXT = 'hcprocure tender archive manifest v1\n';
const CHECKSUM_LENGTH = 64;
const EOCD_LENGTH = 22;

function manifestHmac(manifest: ArchiveManifest, key: string): string {
  const { hmac: _, ...content } = manifest;
  return createHmac('sha256', key)
    .update(HMAC_CONTEXT + JSON.stringify(content))
    .digest('hex');
}

export interface ArchivePart {
  path: string;
  content: Buffer;
  date?: Date;
  source?: Record<string, unknown>;
}

/** Packs the parts with their manifest (keyed with AUDIT_KEY when set) and seals the whole file with its checksum. */
export async function packArchive(
  head: Omit<ArchiveManifest, 'files' | 'keys' | 'hmac' | 'format' | 'formatVersion'>,
  parts: ArchivePart[],
  auditKey: string | undefined,
): Promise<Buffer> {
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    ...head,
    files: parts.map((p) => ({ path: p.path, sha256: sha256(p.content), size: p.content.length, ...(p.source && { source: p.source }) })),
    keys: { AUDIT_KEY: auditKey ? keyId(auditKey) : null },
  };
  if (auditKey) manifest.hmac = manifestHmac(manifest, auditKey);
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 1) + '\n', { date: new Date(head.createdAt) });
  for (const p of parts) zip.file(p.path, p.content, { date: p.date ?? new Date(head.createdAt) });
  const packed = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    comment: '0'.repeat(CHECKSUM_LENGTH),
  });
  // The comment is the last thing in the file: the checksum of everything before it.
  const body = packed.subarray(0, packed.length - CHECKSUM_LENGTH);
  return Buffer.concat([body, Buffer.from(sha256(body), 'latin1')]);
}

export interface ArchiveCheck {
  ok: boolean;
  /** What is wrong, one line each (Chinese / English). */
  problems: string[];
  /** What was not checked and why. */
  notes: string[];
  tender: ArchiveManifest['tender'] | null;
  files: number;
  auditEntries: number;
  keyed: boolean;
}

const auditEntry = (a: ArchivedAuditEntry): AuditEntry => Object.assign(new AuditEntry(), { ...a, at: new Date(a.at) });

/** Checks an archive offline; `auditKey` (AUDIT_KEY) adds the checks that find a deliberate forgery. */
export async function verifyArchive(file: Buffer, auditKey?: string): Promise<ArchiveCheck> {
  const problems: string[] = [];
  const notes: string[] = [];
  const check: ArchiveCheck = { ok: false, problems, notes, tender: null, files: 0, auditEntries: 0, keyed: false };
  const done = () => ({ ...check, ok: problems.length === 0 });

  // 1. Every byte: the sealed checksum, and the end-of-directory record that announces it.
  const eocd = file.length - CHECKSUM_LENGTH - EOCD_LENGTH;
  if (eocd < 0 || file.readUInt32LE(eocd) !== 0x06054b50 || file.readUInt16LE(eocd + 20) !== CHECKSUM_LENGTH) {
    problems.push('不是完整的项目档案（ZIP 结尾不符）/ not a complete tender archive (its ZIP end record is missing or altered)');
  } else if (file.subarray(file.length - CHECKSUM_LENGTH).toString('latin1') !== sha256(file.subarray(0, file.length - CHECKSUM_LENGTH))) {
    problems.push('档案校验和不符：文件已被改动或损坏 / the archive checksum does not match: the file was changed or damaged');
  }

  // 2. Each part: readable, and as the manifest hashes it.
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file, { checkCRC32: true });
  } catch (e) {
    problems.push(`无法读取档案 / the archive cannot be read: ${(e as Error).message}`);
    return done();
  }
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ArchiveManifest;
    if (manifest.format !== ARCHIVE_FORMAT) throw new Error(`format ${String(manifest.format)}`);
  } catch (e) {
    problems.push(`档案清单无法读取 / the manifest cannot be read: ${(e as Error).message}`);
    return done();
  }
  check.tender = manifest.tender;
  const contents = new Map<string, Buffer>();
  for (const f of manifest.files) {
    const entry = zip.file(f.path);
    if (!entry) {
      problems.push(`缺少 ${f.path} / missing: ${f.path}`);
      continue;
    }
    try {
      const content = await entry.async('nodebuffer');
      contents.set(f.path, content);
      if (sha256(content) !== f.sha256 || content.length !== f.size)
        problems.push(`${f.path} 与清单中的哈希不符 / ${f.path} does not match its hash`);
    } catch (e) {
      problems.push(`${f.path} 已损坏 / ${f.path} is damaged: ${(e as Error).message}`);
    }
  }
  const listed = new Set(['manifest.json', ...manifest.files.map((f) => f.path)]);
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir && !listed.has(name)) problems.push(`清单外的文件 ${name} / not in the manifest: ${name}`);
  }
  check.files = manifest.files.length;

  // 3. The audit entries: each entry's hash over its content and its predecessor's hash; links between neighbours.
  let entries: ArchivedAuditEntry[] = [];
  try {
    entries = JSON.parse(contents.get('audit.json')?.toString('utf8') ?? '[]') as ArchivedAuditEntry[];
  } catch {
    problems.push('audit.json 无法读取 / audit.json cannot be read');
  }
  check.auditEntries = entries.length;
  const byId = new Map(entries.map((e) => [e.id, e]));
  if (!auditKey && entries.some((e) => e.alg))
    notes.push('未设置 AUDIT_KEY：未检查审计记录的签名 / AUDIT_KEY not set: the keyed audit entries were not checked');
  for (const e of entries) {
    if ((auditKey || !e.alg) && entryHash(auditEntry(e), auditKey) !== e.hash)
      problems.push(`审计记录 ${e.id} 被改动 / audit entry ${e.id} was modified`);
    const before = byId.get(e.id - 1);
    if (before && e.prevHash !== before.hash)
      problems.push(`审计记录 ${e.id} 与前一条链接断开 / audit entry ${e.id} does not link to entry ${before.id}`);
  }
  if (manifest.audit.entries !== entries.length)
    problems.push('审计记录条数与清单不符 / the number of audit entries differs from the manifest');

  // 4. With the key: the manifest is the one the system wrote, and every PDF and file is in the audit record.
  if (!manifest.hmac) {
    const unkeyed = '档案导出时未设置 AUDIT_KEY，清单未签名 / AUDIT_KEY was not set at export: the manifest is not keyed';
    // Given the key, an archive that cannot be authenticated with it is not taken on trust.
    (auditKey ? problems : notes).push(unkeyed);
  } else if (!auditKey) {
    notes.push('未设置 AUDIT_KEY：只检查了哈希，未检查签名 / AUDIT_KEY not set: hashes checked, the keyed manifest not');
  } else if (keyId(auditKey) !== manifest.keys.AUDIT_KEY) {
    problems.push(
      `档案由另一把 AUDIT_KEY（标识 ${manifest.keys.AUDIT_KEY}）签名 / the archive was keyed with another AUDIT_KEY (id ${manifest.keys.AUDIT_KEY})`,
    );
  } else {
    const expected = Buffer.from(manifestHmac(manifest, auditKey), 'hex');
    const actual = Buffer.from(manifest.hmac, 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      problems.push('档案清单签名不符：清单被改动 / the manifest HMAC does not match: the manifest was altered');
    }
    check.keyed = true;
  }
  const audited = entries.map((e) => JSON.stringify([e.before, e.after])).join('\n');
  for (const f of manifest.files.filter((x) => x.source)) {
    if (!audited.includes(f.sha256)) problems.push(`${f.path} 不在审计记录中 / ${f.path}: its hash is in no audit entry of the archive`);
  }
  return done();
}
