import type { Response, Test } from 'supertest';

/** A download of a document printed in the background: asked again while it answers 202, the final answer returned. */
export async function whenReady(request: () => Test, timeoutMs = 120_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request();
    if (res.status !== 202) return res;
    expect(Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body).toEqual({ status: 'generating' });
    expect(res.headers['retry-after']).toBe('1');
    if (Date.now() > until) throw new Error(`still generating after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
