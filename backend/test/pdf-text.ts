import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';

/**
 * The text of a PDF as tests read it back. pdf.js would load its worker with a dynamic import, which
 * Jest's module system cannot do; handing it the worker module directly runs it in this thread.
 *
 * Chromium maps a glyph that Noto CJK shares between a radical and an ideograph (⽅/方, ⻚/页) back to
 * the radical. Kangxi radicals (U+2F00–2FDF) decompose by NFKC; those of the supplement used for
 * simplified characters (U+2E80–2EFF) mostly do not, hence the table.
 */
const SUPPLEMENT_RADICALS = '⺠⻄⻅⻆⻉⻋⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰';
const IDEOGRAPHS = '民西见角贝车长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄齐齿龙';
const unradical = (text: string): string =>
  text.replace(/[\u2e80-\u2fdf]/g, (c) => {
    const i = SUPPLEMENT_RADICALS.indexOf(c);
    return i >= 0 ? IDEOGRAPHS[i] : c.normalize('NFKC');
  });

export interface PdfText {
  text: string;
  pages: string[];
}

export async function pdfText(pdf: Buffer): Promise<PdfText> {
  const g = globalThis as { pdfjsWorker?: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- pdf.js takes its worker as a loaded module
  g.pdfjsWorker ??= require(join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs'));
  const parser = new PDFParse({ data: pdf });
  try {
    const result = await parser.getText();
    return { text: unradical(result.text), pages: result.pages.map((p) => unradical(p.text)) };
  } finally {
    await parser.destroy();
  }
}

/** Text without the line breaks and spaces that layout inserts, for finding phrases that wrap. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');
