import type { Context } from 'hono';

/**
 * Answer with CSV produced batch by batch: each batch is fetched only when the client has read
 * the previous one (pull-based, so a slow client never makes the server buffer the whole export),
 * and the query stops when the client goes away. `render(batch, first)` writes the header and BOM
 * with the first batch; an empty result still gets its header.
 */
export function csvStream<Row>(c: Context, fileName: string, batches: AsyncIterable<Row[]>, render: (rows: Row[], first: boolean) => string): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        if (first) controller.enqueue(encoder.encode(render([], true)));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(render(next.value, first)));
      first = false;
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  const safeName = fileName.replace(/[^\w.-]+/g, '_');
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${safeName}"` });
}
