#!/usr/bin/python3
"""Reference values for the graph tests, from networkx and python-igraph.

Usage (from the repo root; Debian: apt-get install -y python3-networkx python3-igraph python3-scipy):
    /usr/bin/python3 scripts/graph/reference.py

For each graph it writes test/fixtures/graph/<name>-reference.tsv.gz with one row per node:
    node  pagerank  weighted_pagerank  trustrank  harmonic
over the graph that Vouch builds from the edge file: self-loops dropped, nodes = endpoints of the
remaining edges, duplicate edges once (their weights summed for the weighted variant).
- pagerank: networkx.pagerank(alpha=0.85), tol tightened to 1e-15 (networkx's default is loose).
- weighted_pagerank: the same with weight='weight' (UKWA: the link count; polblogs: 1 per edge).
- trustrank: networkx.pagerank(alpha=0.85, personalization=uniform over the seeds), dangling=None,
  i.e. dangling rank goes back to the seeds, the policy Vouch documents.
- harmonic: igraph harmonic_centrality(mode="in", normalized=False): sum over y != x of 1/d(y, x).
"""
import gzip
import os
import sys

import igraph
import networkx as nx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
TESTDATA = os.path.join(ROOT, '..', 'shared', 'testdata', 'graphs')
FIXTURES = os.path.join(ROOT, 'test', 'fixtures', 'graph')


def read_ukwa(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            left, count = line.rstrip('\n').split('\t')
            _, src, dst = left.split('|')
            yield src, dst, float(count)


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        for i, line in enumerate(f):
            src, dst = line.rstrip('\n').split('\t')[:2]
            if i == 0 and src == 'source':
                continue
            yield src, dst, 1.0


def read_seeds(path):
    with open(path, encoding='utf-8') as f:
        return [s.strip() for s in f if s.strip() and not s.startswith('#')]


def build(edges):
    g = nx.DiGraph()
    for src, dst, w in edges:
        if src == dst:
            continue
        if g.has_edge(src, dst):
            g[src][dst]['weight'] += w
        else:
            g.add_edge(src, dst, weight=w)
    return g


def harmonic(g):
    names = list(g.nodes())
    index = {n: i for i, n in enumerate(names)}
    ig = igraph.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in g.edges()], directed=True)
    values = ig.harmonic_centrality(mode='in', normalized=False)
    return dict(zip(names, values))


def reference(name, edges, seeds_path):
    g = build(edges)
    kw = dict(alpha=0.85, tol=1e-15, max_iter=100000)
    pr = nx.pagerank(g, weight=None, **kw)
    wpr = nx.pagerank(g, weight='weight', **kw)
    seeds = [s for s in read_seeds(seeds_path) if s in g]
    tr = nx.pagerank(g, weight=None, personalization={s: 1.0 for s in seeds}, **kw)
    hc = harmonic(g)
    out = os.path.join(FIXTURES, f'{name}-reference.tsv.gz')
    with gzip.open(out, 'wt', encoding='utf-8', compresslevel=9) as f:
        f.write('node\tpagerank\tweighted_pagerank\ttrustrank\tharmonic\n')
        for n in sorted(g.nodes()):
            f.write(f'{n}\t{pr[n]:.10e}\t{wpr[n]:.10e}\t{tr[n]:.10e}\t{hc[n]:.12f}\n')
    print(f'{name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {len(seeds)} seeds -> {out}', file=sys.stderr)


if __name__ == '__main__':
    reference('ukwa-1996', read_ukwa(os.path.join(TESTDATA, 'ukwa-1996-hostlinks.tsv.gz')), os.path.join(FIXTURES, 'ukwa-trust-seeds.txt'))
    reference('polblogs', read_tsv(os.path.join(TESTDATA, 'polblogs-edges.tsv')), os.path.join(FIXTURES, 'polblogs-trust-seeds.txt'))
