import JSZip from 'jszip';
import { deflateSync } from 'node:zlib';
import { checkOfficeFile, checkPdf, unpackZip } from './file-content';

const zip = (parts: Record<string, string | Buffer>, compression: 'STORE' | 'DEFLATE' = 'DEFLATE') => {
  const z = new JSZip();
  for (const [name, content] of Object.entries(parts)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression });
};
const LIMITS = { entries: 10, totalBytes: 1000 };

describe('unpackZip', () => {
  it('lists the parts and returns those asked for, stored or deflated', async () => {
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const unpacked = unpackZip(await zip({ 'a.xml': '<a/>', 'b/c.xml': 'c'.repeat(200) }, compression), LIMITS, (n) => n === 'b/c.xml');
      expect(unpacked).toEqual({
        ok: true,
        names: new Set(['a.xml', 'b/', 'b/c.xml']),
        kept: new Map([['b/c.xml', Buffer.from('c'.repeat(200))]]),
      });
    }
  });

  it('refuses too many parts, too many bytes listed, and what is not a zip', async () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, 'x']));
    expect(unpackZip(await zip(eleven), LIMITS)).toEqual({ ok: false, code: 'archiveEntries', params: { max: 10 } });
    expect(unpackZip(await zip({ a: 'x'.repeat(1001) }), LIMITS)).toMatchObject({ ok: false, code: 'unpacksTooLarge' });
    expect(unpackZip(Buffer.from('not a zip at all, no directory'), LIMITS)).toEqual({ ok: false, code: 'archiveInvalid' });
    const truncated = await zip({ a: 'x' });
    expect(unpackZip(truncated.subarray(10), LIMITS)).toEqual({ ok: false, code: 'archiveInvalid' });
  });

  it('refuses an encrypted part', async () => {
    const content = await zip({ a: 'x' });
    const central = content.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    content.writeUInt16LE(content.readUInt16LE(central + 8) | 1, central + 8);
    expect(unpackZip(content, LIMITS)).toEqual({ ok: false, code: 'archiveInvalid' });
  });
});

describe('checkOfficeFile', () => {
  it('names the parts a document lacks', async () => {
    expect(checkOfficeFile(await zip({ '[Content_Types].xml': '<Types/>' }), 'xlsx', LIMITS)).toEqual({
      code: 'officeParts',
      params: { parts: 'xl/workbook.xml' },
    });
    expect(checkOfficeFile(await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<d/>' }), 'docx', LIMITS)).toBeNull();
  });
});

describe('checkPdf', () => {
  const pdf = (...parts: (string | Buffer)[]) => Buffer.concat(['%PDF-1.7\n', ...parts, '\n%%EOF'].map((p) => Buffer.from(p)));

  it('finds active names written plainly, #-escaped, or in a deflated stream', () => {
    expect(checkPdf(pdf('1 0 obj << /Type /Catalog /AA << /O 3 0 R >> >> endobj'))).toEqual({ code: 'pdfActive', params: { found: 'AA' } });
    expect(checkPdf(pdf('1 0 obj << /#4A#53 (x) >> endobj'))).toEqual({ code: 'pdfActive', params: { found: 'JS' } });
    const data = deflateSync('<< /Type /Filespec /EF << /F 7 0 R >> /RichMedia 8 0 R >>');
    const stream = pdf('5 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n', data, '\nendstream\nendobj');
    expect(checkPdf(stream)).toEqual({ code: 'pdfActive', params: { found: 'RichMedia' } });
  });

  it('does not take names that only begin like an active one', () => {
    expect(checkPdf(pdf('1 0 obj << /Type /Catalog /JSONData 2 0 R /AAB 3 0 R >> endobj'))).toBeNull();
  });
});
