#!/usr/bin/env python3
"""Latency of hover, inlay hints and code lenses over stdio, as an editor feels them, on one or more atlas.hcl files.

Usage: Benchmarks/lsp_value_features_bench.py [--binary BIN] [--requests N] FILE...

For each FILE, a fresh server (plain Python, no packages; the client of lsp_bench.py): initialize with Markdown
hovers, didOpen, wait for the first publishDiagnostics (the analysis the features answer from is ready then), and:
  1. N textDocument/hover requests (default 1,000), one at a time, each on a word of a line spread through the file
     (every word of the line in turn: references, attribute names, block types, values); p50, p95, max;
  2. N textDocument/inlayHint requests for a 60-line window (what an editor shows) moved through the file; p50,
     p95, max; then one for the whole file;
  3. textDocument/codeLens for the whole file, then codeLens/resolve of up to N lenses; p50, p95, max.
Each time is from writing the request to having read the whole response.
"""
import argparse, json, os, re, statistics, sys, time

from lsp_bench import Client, percentile, utf16_length


def timed(client, method, params):
    start = time.perf_counter()
    raw = client.wait_raw_response(client.request(method, params))
    return (time.perf_counter() - start) * 1000, raw


def word_positions(lines, count):
    """(line, UTF-16 column) of the words of lines spread through the file, `count` of them."""
    candidates = [(i, m.start()) for i, line in enumerate(lines) for m in re.finditer(r"[A-Za-z_][\w.]*", line)]
    step = max(1, len(candidates) // max(1, count))
    return [(i, utf16_length(lines[i][:column]) + 1) for i, column in candidates[::step][:count]]


def summary(name, times):
    return (f"  {name} over {len(times)} requests: p50 {percentile(times, 50):.2f} ms, "
            f"p95 {percentile(times, 95):.2f} ms, max {max(times):.2f} ms, mean {statistics.mean(times):.2f} ms")


def bench(binary, path, requests):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(path)
    client = Client(binary)
    capabilities = {"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}
    client.wait_response(client.request("initialize", {"processId": os.getpid(), "capabilities": capabilities,
                                                       "rootUri": None}))
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "hcl", "version": 1,
                                                            "text": text}})
    client.wait_diagnostics(uri, 1)
    document = {"uri": uri}

    hovers, answered = [], 0
    for line, column in word_positions(lines, requests):
        elapsed, raw = timed(client, "textDocument/hover",
                             {"textDocument": document, "position": {"line": line, "character": column}})
        hovers.append(elapsed)
        answered += b'"contents"' in raw

    windows = []
    for k in range(requests):
        first = (k * 37) % max(1, len(lines) - 60)
        window = {"start": {"line": first, "character": 0}, "end": {"line": first + 60, "character": 0}}
        elapsed, _ = timed(client, "textDocument/inlayHint", {"textDocument": document, "range": window})
        windows.append(elapsed)
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": len(lines), "character": 0}}
    whole_ms, raw = timed(client, "textDocument/inlayHint", {"textDocument": document, "range": whole})
    hint_count = len(json.loads(raw)["result"])

    lens_ms, raw = timed(client, "textDocument/codeLens", {"textDocument": document})
    lenses = json.loads(raw)["result"]
    resolves = [timed(client, "codeLens/resolve", lens)[0] for lens in lenses[:requests]]

    client.wait_response(client.request("shutdown", None))
    client.notify("exit", None)
    client.stdin.close()
    client.process.wait(timeout=10)

    print(f"{path}: {len(text.encode())} bytes, {len(lines)} lines")
    print(summary(f"hover ({answered} with contents)", hovers))
    print(summary("inlayHint, 60-line window", windows))
    print(f"  inlayHint, whole file ({hint_count} hints): {whole_ms:.1f} ms")
    print(f"  codeLens ({len(lenses)} lenses): {lens_ms:.1f} ms")
    if resolves:
        print(summary("codeLens/resolve", resolves))
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/mercator")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    for path in arguments.files:
        bench(arguments.binary, path, arguments.requests)


if __name__ == "__main__":
    main()
