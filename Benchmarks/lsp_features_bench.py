#!/usr/bin/env python3
"""Latency of the editor features over stdio, as an editor feels them (issue 7, acceptance 4), in one run.

Usage: Benchmarks/lsp_features_bench.py [--build] [--scratch-path DIR | --binary BIN] [--runs N] [--keystrokes N]
                                        [--workdir DIR] [FILE...]

Without FILEs, generates the two files of the targets with Benchmarks/generate-atlas-hcl.py, each saved as
`atlas.hcl` (only project files are analysed): 28KiB (1,016 lines) and 1MiB (35,354 lines). `--build` first runs
`swift build -c release --product mercator` (with `--scratch-path` when given; the binary is then DIR/release/mercator).

For each file, a fresh server (`lsp_bench.Client`, plain Python) declaring what VS Code declares (snippets,
insert/replace, item defaults, label details, lazy documentation, Markdown hovers, definition links, document
changes): initialize, didOpen, wait for the first publishDiagnostics (the analysis requests answer from); then one
request at a time, each timed from writing it to having read the whole response, N of each (default 200) at places
spread through the file:
  completion right after `local.`; completion at the first character of an attribute line; hover on words
  (references, names, block types, values); definition, references and rename at uses of `local.`, `var.` and
  `data.`; inlay hints for a 60-line window (a screenful) moved through the file; signature help right after the `(`
  of calls; code action at each published diagnostic with a code, that diagnostic in the context (at uses when there
  are none); workspace/symbol for `url`;
and K keystrokes (default 50): a didChange typing `l` at the start of an attribute line, then at once a completion
there (the answer waits for the analysis of the new text: keystroke → items); the keystroke is then undone and its
diagnostics awaited, untimed. p50, p95 and max of each, and the targets of acceptance 4 (p95 ≤ 10 ms on 1,000 lines,
≤ 50 ms on 1 MiB for completion, hover, definition and inlay hints) as met or not. The times include this client's
own work (framing, JSON).
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lsp_bench import Client, percentile, utf16_length  # noqa: E402

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
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "signatureHelp": {"signatureInformation": {"parameterInformation": {"labelOffsetSupport": True}}},
        "definition": {"linkSupport": True},
        "rename": {"prepareSupport": True},
    },
    "workspace": {"workspaceEdit": {"documentChanges": True}},
}

# The requests acceptance 4 sets a target for.
TARGETED = ("completion after local.", "completion at a body line", "hover", "definition", "inlay hints (60 lines)")


def spread(positions, count):
    """`count` of the positions, evenly through the file."""
    if len(positions) <= count:
        return positions
    step = len(positions) / count
    return [positions[int(k * step)] for k in range(count)]


def column(line, index):
    return utf16_length(line[:index])


# A line of a comment: `#`, `//`, or a line of a `/* … */` block as the generator writes them.
COMMENT = re.compile(r"\s*(#|//|/\*|\*)")


def positions(lines):
    """Where each kind of request is made, as (line, UTF-16 column) lists."""
    after_dot = [(i, column(line, m.end())) for i, line in enumerate(lines) for m in re.finditer(r"\blocal\.", line)]
    line_starts = [(i, len(line) - len(line.lstrip(" "))) for i, line in enumerate(lines)
                   if line.startswith("  ") and re.match(r"\s+[a-z_]+\s*=", line)]
    words = [(i, column(line, m.start()) + 1) for i, line in enumerate(lines)
             for m in re.finditer(r"[A-Za-z_][\w.]*", line)]
    uses = []
    for i, line in enumerate(lines):
        if COMMENT.match(line):
            continue  # a name in a comment is no use (rename refuses it)
        for m in re.finditer(r"\b(?:local|var)\.([A-Za-z_][\w-]*)|\bdata\.[A-Za-z_][\w-]*\.([A-Za-z_][\w-]*)", line):
            uses.append((i, column(line, m.start(1) if m.group(1) else m.start(2)) + 1))
    # Calls in expressions: not `list(string)` in a variable's type, nor words in comments.
    calls = [(i, column(line, m.end())) for i, line in enumerate(lines)
             if not COMMENT.match(line) and not re.match(r"\s*type\s*=", line) for m in re.finditer(r"\b[a-z_]+\(", line)]
    return after_dot, line_starts, words, uses, calls


def timed(client, method, params):
    """Milliseconds from writing the request to having read its response, and the response."""
    start = time.perf_counter()
    raw = client.wait_raw_response(client.request(method, params))
    elapsed = (time.perf_counter() - start) * 1000
    reply = json.loads(raw)
    assert "error" not in reply, (method, params, reply)
    return elapsed, reply


def bench(binary, path, runs, keystrokes):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(path)
    document = {"uri": uri}
    client = Client(binary)
    client.initialize(CAPABILITIES)
    diagnostics = client.open_document(uri, text)["diagnostics"]
    after_dot, line_starts, words, uses, calls = positions(lines)

    def at(position, **extra):
        return {"textDocument": document, "position": {"line": position[0], "character": position[1]}, **extra}

    def windows():
        for k in range(runs):
            first = (k * 37) % max(1, len(lines) - 60)
            yield {"textDocument": document,
                   "range": {"start": {"line": first, "character": 0}, "end": {"line": first + 60, "character": 0}}}

    coded = [d for d in diagnostics if d.get("code")][:runs]
    actions = ([{"textDocument": document, "range": d["range"], "context": {"diagnostics": [d]}} for d in coded]
               or [{"textDocument": document, "range": {"start": p, "end": p}, "context": {"diagnostics": []}}
                   for p in ({"line": line, "character": col} for line, col in spread(uses, runs))])
    plan = [
        ("completion after local.", "textDocument/completion", [at(p) for p in spread(after_dot, runs)]),
        ("completion at a body line", "textDocument/completion", [at(p) for p in spread(line_starts, runs)]),
        ("hover", "textDocument/hover", [at(p) for p in spread(words, runs)]),
        ("definition", "textDocument/definition", [at(p) for p in spread(uses, runs)]),
        ("inlay hints (60 lines)", "textDocument/inlayHint", list(windows())),
        ("signature help", "textDocument/signatureHelp", [at(p) for p in spread(calls, runs)]),
        ("references", "textDocument/references",
         [at(p, context={"includeDeclaration": True}) for p in spread(uses, runs)]),
        ("code action", "textDocument/codeAction", actions),
        ("rename", "textDocument/rename", [at(p, newName="renamed_name") for p in spread(uses, runs)]),
        ("workspace symbol", "workspace/symbol", [{"query": "url"}] * min(runs, 50)),
    ]
    results = []
    for name, method, requests in plan:
        times, answered = [], 0
        for params in requests:
            elapsed, reply = timed(client, method, params)
            times.append(elapsed)
            answered += bool(reply.get("result"))
        results.append((name, times, answered))

    # Keystroke → completion: the answer must be about the new text, so it waits for that text's analysis.
    typing = []
    version = 1
    for line, col in spread(line_starts, keystrokes):
        version += 1
        change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}},
                  "text": "l"}
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        raw = client.wait_raw_response(client.request("textDocument/completion", at((line, col + 1))))
        typing.append((time.perf_counter() - start) * 1000)
        assert b'"error"' not in raw[:200], raw[:200]
        version += 1
        undo = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}},
                "text": ""}
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [undo]})
        # The undo's analysis must be over, or the next keystroke's completion would wait for it too.
        client.wait_diagnostics(uri, version)
    results.append(("keystroke then completion", typing, len(typing)))

    client.shutdown()

    size = len(text.encode())
    target = 10 if len(lines) <= 2000 else 50
    print(f"\n{path}: {size:,} bytes, {len(lines):,} lines, {len(diagnostics)} diagnostics; "
          f"target p95 ≤ {target} ms for {', '.join(TARGETED)}\n")
    print("| request | count (non-empty) | p50 ms | p95 ms | max ms | target |")
    print("|---|---:|---:|---:|---:|---|")
    for name, times, answered in results:
        if not times:
            print(f"| {name} | 0 | | | | |")
            continue
        p95 = percentile(times, 95)
        verdict = (f"≤ {target} ms: {'met' if p95 <= target else 'NOT met'}") if name in TARGETED else "—"
        print(f"| {name} | {len(times)} ({answered}) | {percentile(times, 50):.2f} | {p95:.2f} | {max(times):.2f} "
              f"| {verdict} |")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", action="store_true", help="swift build -c release --product mercator first")
    parser.add_argument("--scratch-path", help="SwiftPM's build folder (the binary is DIR/release/mercator)")
    parser.add_argument("--binary", help="the mercator to run (default .build/release/mercator)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keystrokes", type=int, default=50)
    parser.add_argument("--workdir", help="where the generated files go (default: a temporary folder)")
    parser.add_argument("files", nargs="*")
    arguments = parser.parse_args()
    scratch = arguments.scratch_path
    binary = arguments.binary or os.path.join(scratch or ".build", "release", "mercator")
    if arguments.build:
        command = ["swift", "build", "-c", "release", "--product", "mercator"]
        subprocess.run(command + (["--scratch-path", scratch] if scratch else []), check=True)
    files = arguments.files
    if not files:
        workdir = arguments.workdir or tempfile.mkdtemp(prefix="lsp-features-")
        for size, folder in (("28KiB", "1k"), ("1MiB", "1m")):
            path = os.path.join(workdir, folder, "atlas.hcl")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            subprocess.run([sys.executable, os.path.join(HERE, "generate-atlas-hcl.py"), size, "-o", path], check=True)
            files.append(path)
    print(f"{binary}; load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    for path in files:
        bench(binary, path, arguments.runs, arguments.keystrokes)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
