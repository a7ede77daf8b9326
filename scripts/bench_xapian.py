#!/usr/bin/env python3
"""Xapian side of the search benchmark (crates/gongkai-search/benches/search.rs).

Indexes a TSV corpus (id, title, text, codes) with Xapian's CJK n-gram mode (the engine
Alaveteli uses) and runs the query set: first page of 10 plus the exact total, REPS times,
then every match of each query for recall. Prints JSON on stdout.
"""
import json
import os
import shutil
import sys
import time

import xapian


def main():
    corpus, path, queries, reps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
    start = time.perf_counter()
    if os.environ.get("BENCH_REUSE") and os.path.exists(path):
        index(corpus, path, reuse=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
        index(corpus, path, reuse=False)
    build_s = time.perf_counter() - start
    db = xapian.Database(path)
    run(db, queries, reps, build_s)


def index(corpus, path, reuse):
    """Indexes the corpus (nothing to do when an earlier run's database is reused)."""
    if reuse:
        return
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            ident, title, text, codes = line.rstrip("\n").split("\t")
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(title, 3)
            tg.increase_termpos()
            tg.index_text(text)
            tg.increase_termpos()
            tg.index_text(codes)
            doc.add_boolean_term("Q" + ident)
            doc.set_data(ident)
            db.add_document(doc)
    db.commit()


def run(db, queries, reps, build_s):
    """Times the queries and collects every match for recall; prints JSON."""
    total_docs = db.get_doccount()
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    flags = xapian.QueryParser.FLAG_CJK_NGRAM | xapian.QueryParser.FLAG_DEFAULT
    enquire = xapian.Enquire(db)
    latencies = []
    for _ in range(reps):
        for q in queries:
            t = time.perf_counter()
            enquire.set_query(qp.parse_query(q, flags))
            mset = enquire.get_mset(0, 10, total_docs)
            _ = [m.docid for m in mset], mset.get_matches_estimated()
            latencies.append((time.perf_counter() - t) * 1000.0)
    ids = []
    for q in queries:
        enquire.set_query(qp.parse_query(q, flags))
        mset = enquire.get_mset(0, total_docs)
        ids.append([int(m.document.get_data()) for m in mset])
    json.dump({"build_s": build_s, "latencies_ms": latencies, "ids": ids}, sys.stdout)


if __name__ == "__main__":
    main()
