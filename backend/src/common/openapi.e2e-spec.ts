import { startApp, TestApp } from '../../test/harness';

/**
 * The OpenAPI document (`/api/docs-json`) is generated from the wire schemas (backend/src/domain/wire):
 * every route states its answer — a JSON schema or a file — and its 400, and every body, query and path
 * parameter its schema. The answers themselves are held to those schemas by every e2e test
 * (backend/test/response-contract.ts).
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op })));

  beforeAll(async () => {
    t = await startApp({ API_DOCS: 'true' });
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('gives every route its answer: a JSON schema or a file, and the 400 with its error codes', () => {
    const missing = operations().flatMap(({ route, op }) => {
      const [, ok] = Object.entries(op.responses).find(([status]) => status.startsWith('2')) ?? [];
      const content = (ok as { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined)?.content ?? {};
      const [type, body] = Object.entries(content)[0] ?? [];
      const answered = type === 'application/json' ? Object.keys(body?.schema ?? {}).length > 0 : body?.schema?.format === 'binary';
      const invalid = op.responses['400']?.content?.['application/json']?.schema;
      return [...(answered ? [] : [`${route}: no answer schema`]), ...(invalid?.properties?.errors ? [] : [`${route}: no 400 schema`])];
    });
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThan(60);
  });

  it('gives every path and query parameter its schema', () => {
    const untyped = operations().flatMap(({ route, op }) =>
      (op.parameters ?? [])
        .filter((p: { schema?: { type?: string } }) => !p.schema?.type)
        .map((p: { name: string }) => `${route}: ${p.name}`),
    );
    expect(untyped).toEqual([]);
    const pdf = doc.paths['/api/contracts/{id}/pdf'].get.parameters;
    expect(pdf).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ pattern: '^\\d{1,10}$' }) }),
      expect.objectContaining({ name: 'version', in: 'query', required: false }),
    ]);
  });

  it('describes the bodies by their schemas: the dossier, the set-up parts, multipart fields with their file', () => {
    expect(doc.paths['/api/dossiers'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Dossier',
    });
    expect(doc.components.schemas.Dossier.properties.schemes.items.properties.criteria.items.properties.rule).toBeDefined();
    const lot = doc.paths['/api/tenders/{id}/lots'].post.requestBody.content['application/json'].schema;
    expect(lot.additionalProperties).toBe(false);
    expect(lot.properties.maxBudget.description).toContain('at most 2 decimals');
    const change = doc.paths['/api/tenders/{id}'].patch.requestBody.content['application/json'].schema;
    expect(change.required).toEqual(['version']);
    const report = doc.paths['/api/assessments/{id}/self-assessment'].post.requestBody.content['multipart/form-data'].schema;
    expect(report.required).toEqual(['file', 'items']);
    expect(Object.keys(report.properties)).toEqual(['file', 'items', 'summary']);
  });

  it('answers with the shapes the UI reads', () => {
    const results = doc.paths['/api/tenders/{id}/results'].get.responses['200'].content['application/json'].schema;
    const lot = results.properties.lots.items;
    expect(lot.properties.status.enum).toEqual(['awarded', 'failed', 'not-awarded']);
    expect(lot.properties.awardChain.items.properties.event.enum).toEqual(['won', 'declined', 'disqualified', 'not-awarded']);
  });
});
