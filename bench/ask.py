"""Ask benchmark: how long a template answer takes, next to a bare query encode, and the question page
over HTTP.

Prints the p50 of ``answer()`` in-process over the answered questions of ``search/ask``, the p50 of
encoding one query with the search model (the cost every search pays), and the p50 of ``/ask`` as
JSON and as a page through a real uvicorn server on a free local port.
Targets (issue 12): answer p50 <= 1.5x the encode p50; the page <= 100 ms more than in-process.

    .venv/bin/python bench/ask.py [--store data/store] [--index data/index]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from chemkg.ask.answer import answer
from chemkg.ask.evaluate import load_questions
from chemkg.ask.lexicon import Lexicon
from chemkg.settings import load_settings
from chemkg.store import open_store


def p50(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, default=Path("data/store"))
    parser.add_argument("--index", type=Path, default=Path("data/index"))
    args = parser.parse_args()
    store = open_store(args.store)
    lexicon = Lexicon.from_store(store)
    questions = [q for q in load_questions(Path("search/ask")) if q.gold]
    timings = []
    for q in questions * 3:
        start = time.perf_counter()
        answer(store, lexicon, q.text, q.lang)
        timings.append(time.perf_counter() - start)
    print(f"answer in-process: p50 {p50(timings):.1f} ms over {len(timings)} answers")

    try:
        from chemkg.search.embedder import get_embedder

        embedder = get_embedder(load_settings().model_name)
        embedder.encode_query("warm up")
        encodes = []
        for q in questions:
            start = time.perf_counter()
            embedder.encode_query(q.text)
            encodes.append(time.perf_counter() - start)
        print(f"bare query encode: p50 {p50(encodes):.1f} ms; ratio {p50(timings) / p50(encodes):.2f}x")
    except Exception as exc:  # the model is optional for ask; say why the comparison is missing
        print(f"bare query encode: not measured ({exc})")

    import uvicorn

    from chemkg.web.app import create_app

    settings = load_settings(store_path=args.store.resolve(), index_path=args.index.resolve())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for accept, name in (("application/json", "JSON"), ("text/html", "page")):
        samples = []
        for q in questions:
            start = time.perf_counter()
            conn.request("GET", "/ask?" + urlencode({"q": q.text}), headers={"Accept": accept})
            conn.getresponse().read()
            samples.append(time.perf_counter() - start)
        print(
            f"/ask over HTTP ({name}): p50 {p50(samples):.1f} ms, {p50(samples) - p50(timings):+.1f} ms over in-process"
        )
    server.should_exit = True


if __name__ == "__main__":
    main()
