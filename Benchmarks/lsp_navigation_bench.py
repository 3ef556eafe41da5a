#!/usr/bin/env python3
"""Times navigation, rename and code actions over stdio, as an editor feels them, on one or more atlas.hcl files.

Usage: Benchmarks/lsp_navigation_bench.py [--binary BIN] [--positions N] FILE...

For each FILE, a fresh server (plain Python, no packages; the client of lsp_bench.py): initialize, didOpen, wait for
the first publishDiagnostics; then, at N uses of `local.`, `var.` and `data.` spread through the file (default 200),
one request at a time, each timed from writing the request to having read its whole response:
textDocument/definition, textDocument/references, textDocument/documentHighlight and textDocument/prepareRename;
textDocument/codeAction at each published diagnostic that has a code (up to N), with that diagnostic in the context;
and workspace/symbol for a short query, 20 times. p50, p95 and max for each, and how many answers were not empty
(the positions are uses of defined names, so definition and the rest should all answer).
"""
import argparse, json, os, re, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_bench import Client, percentile  # noqa: E402


def use_positions(lines, count):
    """(line, UTF-16 column) just inside the name of `local.x`, `var.x` and `data.T.N` uses, spread over the file."""
    found = []
    for index, line in enumerate(lines):
        for match in re.finditer(r"\b(?:local|var)\.([A-Za-z_][\w-]*)|\bdata\.[A-Za-z_][\w-]*\.([A-Za-z_][\w-]*)", line):
            start = match.start(1) if match.group(1) else match.start(2)
            found.append((index, len(line[:start].encode("utf-16-le")) // 2 + 1))
    step = max(1, len(found) // max(1, count))
    return found[::step][:count]


def timed(client, method, params, answered=None):
    """Milliseconds from writing the request to having read the response; counts non-empty results in `answered`."""
    start = time.perf_counter()
    raw = client.wait_raw_response(client.request(method, params))
    elapsed = (time.perf_counter() - start) * 1000
    if answered is not None and json.loads(raw).get("result"):
        answered[method] = answered.get(method, 0) + 1
    return elapsed


def bench(binary, path, count):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(path)
    client = Client(binary)
    capabilities = {"textDocument": {"definition": {"linkSupport": True}},
                    "workspace": {"workspaceEdit": {"documentChanges": True}}}
    client.wait_response(client.request("initialize", {"processId": os.getpid(), "capabilities": capabilities,
                                                       "rootUri": None}))
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "hcl", "version": 1,
                                                            "text": text}})
    diagnostics = client.wait_diagnostics(uri, 1)["diagnostics"]

    times, answered = {}, {}
    positions = use_positions(lines, count)
    for method in ("textDocument/definition", "textDocument/references", "textDocument/documentHighlight",
                   "textDocument/prepareRename"):
        times[method] = []
        for line, column in positions:
            params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}
            if method == "textDocument/references":
                params["context"] = {"includeDeclaration": True}
            times[method].append(timed(client, method, params, answered))
    times["textDocument/codeAction"] = [
        timed(client, "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                  "context": {"diagnostics": [d]}}, answered)
        for d in [d for d in diagnostics if d.get("code")][:count]
    ]
    times["workspace/symbol"] = [timed(client, "workspace/symbol", {"query": "url"}, answered) for _ in range(20)]

    client.wait_response(client.request("shutdown", None))
    client.notify("exit", None)
    client.stdin.close()
    client.process.wait(timeout=10)

    print(f"{path}: {len(text.encode())} bytes, {len(lines)} lines, {len(positions)} positions, "
          f"{len(diagnostics)} diagnostics")
    for method, values in times.items():
        if values:
            print(f"  {method} over {len(values)} ({answered.get(method, 0)} non-empty): "
                  f"p50 {percentile(values, 50):.2f} ms, p95 {percentile(values, 95):.2f} ms, max {max(values):.2f} ms")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/mercator")
    parser.add_argument("--positions", type=int, default=200)
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    for path in arguments.files:
        bench(arguments.binary, path, arguments.positions)


if __name__ == "__main__":
    main()
