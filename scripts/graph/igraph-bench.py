#!/usr/bin/python3
"""Peer timings for bench/graph-*.bench.ts: python-igraph PageRank (PRPACK) and harmonic centrality.

    igraph-bench.py pagerank NODES EDGES_I32 OUT_F64   # edges as int32 pairs; times g.pagerank()
    igraph-bench.py harmonic UKWA_TSV_GZ               # times harmonic_centrality(mode="in")
Prints one JSON line. PRPACK's tolerance is fixed inside igraph at 1e-10 (L1), the same as Vouch's.
"""
import gzip
import json
import sys
import time

import igraph
import numpy as np

mode = sys.argv[1]
if mode == 'pagerank':
    n = int(sys.argv[2])
    pairs = np.fromfile(sys.argv[3], dtype=np.int32).reshape(-1, 2)
    g = igraph.Graph(n=n, edges=pairs, directed=True)
    times = []
    for _ in range(2):
        t = time.perf_counter()
        pr = g.pagerank(damping=0.85, directed=True, implementation='prpack')
        times.append((time.perf_counter() - t) * 1000)
    np.asarray(pr, dtype=np.float64).tofile(sys.argv[4])
    print(json.dumps({'rankMs': min(times), 'allMs': times, 'version': igraph.__version__}))
elif mode == 'harmonic':
    edges = set()
    names = {}
    with gzip.open(sys.argv[2], 'rt') as f:
        for line in f:
            left, _ = line.rstrip('\n').split('\t')
            _, s, d = left.split('|')
            if s != d:
                edges.add((names.setdefault(s, len(names)), names.setdefault(d, len(names))))
    g = igraph.Graph(n=len(names), edges=list(edges), directed=True)
    t = time.perf_counter()
    g.harmonic_centrality(mode='in', normalized=False)
    print(json.dumps({'ms': (time.perf_counter() - t) * 1000, 'nodes': g.vcount(), 'edges': g.ecount()}))
