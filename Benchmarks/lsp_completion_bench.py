#!/usr/bin/env python3
"""Completion and signature help latency over stdio, as an editor feels it, on one or more atlas.hcl files.

Usage: Benchmarks/lsp_completion_bench.py [--binary BIN] [--runs N] FILE...

For each FILE (which must be named atlas.hcl or *.atlas.hcl, so that the server analyses it), a fresh server
(`lsp_bench.Client`, plain Python) declaring what VS Code declares for completion (snippets, insert/replace, item
defaults, label details, lazy documentation): initialize, didOpen, wait for the first publishDiagnostics; then, each
timed from writing the request to having read the whole response, spread through the file:
  1. completion right after `local.` in N references (the step after a dot);
  2. completion at the first character of N attribute lines inside blocks (block types and attributes);
  3. signature help right after the `(` of N function calls;
  4. N keystrokes: a didChange typing `l` at the start of a line, then at once a completion there (the answer waits
     for the analysis of the new text, as it must: this is the keystroke → completion latency), then the keystroke
     undone and its diagnostics awaited, untimed;
with p50, p95 and max for each. The times include this client's own work (framing, JSON).
"""
import argparse, json, os, re, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_bench import Client, percentile  # noqa: E402

CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "synchronization": {},
        "completion": {
            "completionItem": {
                "snippetSupport": True, "insertReplaceSupport": True, "labelDetailsSupport": True,
                "documentationFormat": ["markdown", "plaintext"], "resolveSupport": {"properties": ["documentation"]},
                "insertTextModeSupport": {"valueSet": [1, 2]},
            },
            "completionList": {"itemDefaults": ["editRange", "insertTextFormat", "insertTextMode"]},
        },
        "signatureHelp": {"signatureInformation": {"parameterInformation": {"labelOffsetSupport": True}}},
    },
}


def spread(positions, count):
    if len(positions) <= count:
        return positions
    step = len(positions) / count
    return [positions[int(k * step)] for k in range(count)]


def utf16_column(line, index):
    return len(line[:index].encode("utf-16-le")) // 2


def timed(client, method, params):
    start = time.perf_counter()
    raw = client.wait_raw_response(client.request(method, params))
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, json.loads(raw)


def summary(name, times, extra=""):
    if not times:
        return f"  {name}: no positions"
    return (f"  {name} over {len(times)}: p50 {percentile(times, 50):.2f} ms, p95 {percentile(times, 95):.2f} ms, "
            f"max {max(times):.2f} ms{extra}")


def bench(binary, path, runs):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(path)
    client = Client(binary)
    client.wait_response(client.request("initialize", {"processId": os.getpid(), "capabilities": CAPABILITIES,
                                                       "rootUri": None}))
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "hcl", "version": 1,
                                                            "text": text}})
    client.wait_diagnostics(uri, 1)
    document = {"uri": uri}

    after_dot = [(i, utf16_column(line, m.end())) for i, line in enumerate(lines) for m in re.finditer(r"\blocal\.", line)]
    line_starts = [(i, len(line) - len(line.lstrip(" "))) for i, line in enumerate(lines)
                   if line.startswith("  ") and re.match(r"\s+[a-z_]+\s*=", line)]
    calls = [(i, utf16_column(line, m.end())) for i, line in enumerate(lines) for m in re.finditer(r"\b[a-z_]+\(", line)]

    results = {}
    for name, positions, method in (("completion after local.", after_dot, "textDocument/completion"),
                                    ("completion at a body line", line_starts, "textDocument/completion"),
                                    ("signatureHelp in a call", calls, "textDocument/signatureHelp")):
        times, sizes = [], []
        for line, column in spread(positions, runs):
            elapsed, reply = timed(client, method, {"textDocument": document,
                                                    "position": {"line": line, "character": column}})
            assert "error" not in reply, reply
            times.append(elapsed)
            result = reply.get("result") or {}
            sizes.append(len(result.get("items", [])) if method == "textDocument/completion" else 0)
        results[name] = (times, sizes)

    keystrokes = []
    version = 1
    for line, column in spread(line_starts, runs):
        version += 1
        change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}},
                  "text": "l"}
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        raw = client.wait_raw_response(client.request("textDocument/completion", {
            "textDocument": document, "position": {"line": line, "character": column + 1}}))
        keystrokes.append((time.perf_counter() - start) * 1000)
        assert b'"error"' not in raw[:200], raw[:200]
        version += 1
        undo = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}},
                "text": ""}
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [undo]})
        # The undo's analysis must be over, or the next keystroke's completion would wait for it too.
        client.wait_diagnostics(uri, version)

    client.wait_response(client.request("shutdown", None))
    client.notify("exit", None)
    client.stdin.close()
    client.process.wait(timeout=10)

    print(f"{path}: {len(text.encode())} bytes, {len(lines)} lines")
    for name, (times, sizes) in results.items():
        extra = f", {sum(sizes) / max(1, len(sizes)):.0f} items on average" if any(sizes) else ""
        print(summary(name, times, extra))
    print(summary("didChange + completion (keystroke → items)", keystrokes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=".build/release/mercator")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    for path in args.files:
        bench(args.binary, path, args.runs)


if __name__ == "__main__":
    main()
