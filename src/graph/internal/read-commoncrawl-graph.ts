/**
 * The Common Crawl web-graph pair: vertices `id<TAB>reversed.name[<TAB>…]` and edges `fromId<TAB>toId`.
 * Vertex ids map to our dense ids only when an edge (other than a self-loop) uses them.
 */
import { existsSync } from 'node:fs';
import { EdgeListBuilder } from '../edge-list-builder.js';
import type { NamedEdgeList } from '../edge-list-builder.js';
import { edgeFileError } from './edge-file-error.js';
import { forEachLine } from './for-each-line.js';

const ID = /^\d+$/;
const MAX_VERTICES = 2 ** 31 - 1;

/** `com.example.www` → `www.example.com`. */
export function unreverseHost(reversed: string): string {
  return reversed.split('.').reverse().join('.');
}

export async function readCommonCrawlGraph(verticesPath: string, edgesPath: string, weighted: boolean): Promise<NamedEdgeList> {
  if (!existsSync(verticesPath)) throw edgeFileError(verticesPath, 0, 'no such vertices file (give it with --vertices FILE)');
  const reversedNames: string[] = [];
  await forEachLine(verticesPath, (line, lineNumber) => {
    if (line.length === 0) return;
    const tab = line.indexOf('\t');
    const idText = tab === -1 ? '' : line.slice(0, tab);
    if (!ID.test(idText)) throw edgeFileError(verticesPath, lineNumber, 'expected "id<TAB>reversed.host.name"');
    const end = line.indexOf('\t', tab + 1);
    const name = end === -1 ? line.slice(tab + 1) : line.slice(tab + 1, end);
    if (name.length === 0) throw edgeFileError(verticesPath, lineNumber, 'empty vertex name');
    const id = Number(idText);
    if (id >= MAX_VERTICES) throw edgeFileError(verticesPath, lineNumber, `vertex id ${id} is too large`);
    if (reversedNames[id] !== undefined) throw edgeFileError(verticesPath, lineNumber, `vertex id ${id} appears twice`);
    reversedNames[id] = name;
  });

  const denseOf = new Int32Array(reversedNames.length).fill(-1);
  const builder = new EdgeListBuilder({ weighted });
  const dense = (id: number): number => {
    let d = denseOf[id];
    if (d === -1) {
      d = builder.idOf(unreverseHost(reversedNames[id]!));
      denseOf[id] = d;
    }
    return d;
  };
  await forEachLine(edgesPath, (line, lineNumber) => {
    if (line.length === 0) return;
    const tab = line.indexOf('\t');
    const fromText = tab === -1 ? '' : line.slice(0, tab);
    const toText = tab === -1 ? '' : line.slice(tab + 1);
    if (!ID.test(fromText) || !ID.test(toText)) throw edgeFileError(edgesPath, lineNumber, 'expected "fromId<TAB>toId"');
    const from = Number(fromText);
    const to = Number(toText);
    if (reversedNames[from] === undefined || reversedNames[to] === undefined) {
      throw edgeFileError(edgesPath, lineNumber, `vertex id ${reversedNames[from] === undefined ? from : to} is not in ${verticesPath}`);
    }
    if (from !== to) builder.addIdEdge(dense(from), dense(to));
  });
  return builder.finish();
}
