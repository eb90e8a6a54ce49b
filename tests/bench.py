"""`make bench`: throughput of claimx against a bare en_core_web_sm over the BBC business folder,
and each claimx component's share of pipeline time.  Reads the corpus from ../shared (never copied).

    python tests/bench.py [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--limit", type=int, default=0, help="articles to use (0 = all)")
    args = ap.parse_args()
    folder = Path(args.shared) / "corpus" / "bbc-business"
    paths = sorted(folder.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} BBC business articles, {words} words")

    import claimx
    from claimx.pipeline.build import load_base

    bare = load_base()
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=32):
        pass
    t_bare = time.perf_counter() - t0

    nlp = claimx.load()
    t0 = time.perf_counter()
    for _ in claimx.extract_many(({"id": str(i), "text": t} for i, t in enumerate(texts)), nlp=nlp):
        pass
    t_claimx = time.perf_counter() - t0

    # per-component time, one doc at a time
    per = defaultdict(float)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            per[name] += time.perf_counter() - t
    total = sum(per.values())
    print(f"bare {bare.meta.get('name')}: {t_bare:.2f}s ({words / t_bare:.0f} words/s)")
    print(f"claimx end to end (incl. conversion): {t_claimx:.2f}s ({words / t_claimx:.0f} words/s), "
          f"throughput ratio {t_bare / t_claimx:.2f}x of bare")
    print("component share of pipeline time:")
    for name, secs in sorted(per.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22s} {secs:7.2f}s  {100 * secs / total:5.1f}%")

if __name__ == "__main__":
    main()
