/**
 * The page's template skeleton, for `templateHash`: the set of element paths down to
 * SKELETON_MAX_DEPTH levels, each step `tag.class.class` (classes deduped and sorted), e.g.
 * `body.home>div.site>main`. The hash is SHA-1 (16 hex digits) of the sorted distinct paths
 * joined with '\n'.
 *
 * Why a trie: a page repeats a few dozen paths thousands of times. Each distinct path is a trie
 * node (its parent node and its step), so an element costs one Map lookup on its short step; the
 * path strings are built once per node, when the hash is taken.
 */
import { createHash } from 'node:crypto';
import { detachedString } from '../../core/internal/detached-string.js';

export const SKELETON_MAX_DEPTH = 6;

const CLASS_CACHE_MAX = 10_000;
/** Class attribute value → its step suffix ('.a.b', or '' when it has no class); shared by pages, bounded. */
const classSuffixes = new Map<string, string>();

function classSuffix(value: string): string {
  let suffix = classSuffixes.get(value);
  if (suffix === undefined) {
    const classes = [...new Set(value.split(/\s+/).filter((c) => c.length > 0))].sort();
    suffix = classes.length > 0 ? detachedString('.' + classes.join('.')) : '';
    if (classSuffixes.size >= CLASS_CACHE_MAX) classSuffixes.clear();
    classSuffixes.set(detachedString(value), suffix);
  }
  return suffix;
}

export class TemplateSkeleton {
  // Trie nodes; node 0 is the root, above the top-level elements.
  private readonly steps: string[] = [''];
  private readonly parents: number[] = [-1];
  private readonly children: Array<Map<string, number> | undefined> = [undefined];
  /** Node of each open element; -1 below SKELETON_MAX_DEPTH. */
  private stack = new Int32Array(64);
  private depth = 0;

  /** An element opens inside the innermost open one; `cls` is its class attribute ('' when none). */
  open(name: string, cls: string): void {
    const d = this.depth;
    if (d === this.stack.length) {
      const stack = new Int32Array(d * 2);
      stack.set(this.stack);
      this.stack = stack;
    }
    let node = -1;
    if (d < SKELETON_MAX_DEPTH) {
      const parent = d === 0 ? 0 : this.stack[d - 1]!;
      const step = cls === '' ? name : name + classSuffix(cls);
      let kids = this.children[parent];
      if (kids === undefined) kids = this.children[parent] = new Map();
      node = kids.get(step) ?? this.add(parent, step, kids);
    }
    this.stack[d] = node;
    this.depth = d + 1;
  }

  /** The innermost open element closes. */
  close(): void {
    if (this.depth > 0) this.depth--;
  }

  /** 16 hex digits of SHA-1 over the sorted distinct paths. */
  hash(): string {
    const n = this.steps.length;
    const full: string[] = new Array<string>(n);
    full[0] = '';
    for (let i = 1; i < n; i++) {
      const p = this.parents[i]!;
      full[i] = p === 0 ? this.steps[i]! : `${full[p]!}>${this.steps[i]!}`;
    }
    const sorted = full.slice(1).sort();
    // NOTE: a class containing '>' can spell one path two ways; the skeleton is a set of strings.
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
    sorted.length = distinct;
    return createHash('sha1').update(sorted.join('\n')).digest('hex').slice(0, 16);
  }

  private add(parent: number, step: string, kids: Map<string, number>): number {
    const node = this.steps.length;
    this.steps.push(step);
    this.parents.push(parent);
    this.children.push(undefined);
    kids.set(step, node);
    return node;
  }
}
