import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { startApp, TestApp } from '../../test/harness';
import { pdfText, squeezed } from '../../test/pdf-text';
import { DocumentsService } from './documents.service';

jest.setTimeout(60_000);

/**
 * Issue 12 item 15: the PDF Chromium runs no JavaScript and loads nothing but the template's own
 * data. Markup that slipped through a template's escaping — a script, an image, a stylesheet, a frame,
 * a file:// link — neither runs nor reaches anything.
 */
describe('PDF printing: no JavaScript, no request outside the page', () => {
  let t: TestApp;
  let server: Server;
  const hits: string[] = [];

  beforeAll(async () => {
    t = await startApp();
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('body { color: red }');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.close();
  });

  it('prints the page as written: the script does not run, no request leaves it', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const documents = t.app.get(DocumentsService);
    const html = `<!doctype html><html><head><meta charset="utf-8">
      <link rel="stylesheet" href="${url}/style.css">
      <style>@font-face { font-family: x; src: url(${url}/font.woff); } p { font-family: x, serif; }</style></head>
      <body><p>STATIC TEXT</p>
      <script>document.body.insertAdjacentText('beforeend', 'SCRIPT RAN'); fetch('${url}/fetch');</script>
      <img src="${url}/image.png"><img src="file:///etc/hostname">
      <iframe src="${url}/frame"></iframe>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      </body></html>`;
    const render = jest.spyOn(documents.templates, 'render').mockReturnValue(html);
    try {
      const pdf = await documents.renderPdf('contract-per-capita', { title: 'lockdown' });
      const { text } = await pdfText(pdf);
      expect(squeezed(text)).toContain('STATICTEXT');
      expect(text).not.toContain('SCRIPT RAN');
      expect(hits).toEqual([]);
    } finally {
      render.mockRestore();
    }
  });
});
