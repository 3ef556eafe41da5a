#!/usr/bin/env python3
"""Drives `mercator serve` over stdio and measures what an editor feels, on one or more atlas.hcl files.

Usage: Benchmarks/lsp_bench.py [--binary BIN] [--edits N] [--tokens-runs N] [--encoding utf-16|utf-8] FILE...

For each FILE, a fresh server (plain Python, no packages):
  1. initialize (the client declares no pull-diagnostic support, so the server pushes), didOpen, and wait for the
     first publishDiagnostics; then resident memory from /proc/PID/status (VmRSS now, VmHWM the peak so far);
  2. N didChange edits (default 1,000), one at a time: typing an `x` before the first word of a line, then deleting
     it, moving through the file. Latency is from writing the didChange to having read the publishDiagnostics for
     that version; p50, p95, max;
  3. textDocument/semanticTokens/full, 2 warm-ups then R timed runs (default 20): from writing the request to having
     read the whole response (JSON decoding by this script is timed apart); median, min, max;
  memory is read again after the edits and at the end; then shutdown and exit.
The times include this client's own work (framing, a json.dumps per edit), so they overstate the server slightly.
"""
import argparse, json, os, statistics, subprocess, sys, time


class Client:
    def __init__(self, binary):
        self.process = subprocess.Popen([binary, "serve", "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, bufsize=0)
        self.stdin = self.process.stdin
        self.stdout = self.process.stdout
        self.next_id = 1

    def write(self, message):
        body = json.dumps(message, ensure_ascii=False).encode()
        self.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read_raw(self):
        """One message body, undecoded."""
        length = None
        line = b""
        while True:
            byte = self.stdout.read(1)
            if not byte:
                raise EOFError("server closed its output")
            line += byte
            if line.endswith(b"\r\n"):
                if line == b"\r\n":
                    break
                name, _, value = line.decode().partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
                line = b""
        chunks = []
        remaining = length
        while remaining:
            chunk = self.stdout.read(remaining)
            if not chunk:
                raise EOFError("server closed its output")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.write({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return request_id

    def notify(self, method, params):
        self.write({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_response(self, request_id):
        while True:
            message = json.loads(self.read_raw())
            if message.get("id") == request_id and "method" not in message:
                return message
            self.answer_server_request(message)

    def wait_raw_response(self, request_id):
        """The response's raw bytes (decoded only to check the id, after the caller has stopped its clock)."""
        needle = b'"id":%d' % request_id
        while True:
            raw = self.read_raw()
            if needle in raw and b'"method"' not in raw[:200]:
                return raw
            self.answer_server_request(json.loads(raw))

    def wait_diagnostics(self, uri, version):
        while True:
            message = json.loads(self.read_raw())
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                if params["uri"] == uri and params.get("version") == version:
                    return params
            else:
                self.answer_server_request(message)

    def initialize(self, capabilities):
        """initialize and initialized; the initialize result."""
        reply = self.wait_response(self.request("initialize", {"processId": os.getpid(), "capabilities": capabilities,
                                                               "rootUri": None}))
        self.notify("initialized", {})
        return reply["result"]

    def open_document(self, uri, text):
        """didOpen, then the document's first publishDiagnostics (the analysis requests answer from is ready)."""
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "hcl", "version": 1,
                                                              "text": text}})
        return self.wait_diagnostics(uri, 1)

    def shutdown(self):
        """shutdown, exit, and the process's end."""
        self.wait_response(self.request("shutdown", None))
        self.notify("exit", None)
        self.stdin.close()
        self.process.wait(timeout=10)

    def answer_server_request(self, message):
        if "id" in message and "method" in message:
            self.write({"jsonrpc": "2.0", "id": message["id"], "result": None})


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024  # kB → MiB
    return fields


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def edit_positions(lines, count):
    """(line, column) of the first non-blank character of lines spread through the file, `count` of them."""
    candidates = [i for i, line in enumerate(lines) if line.strip()]
    step = max(1, len(candidates) // max(1, count))
    positions = []
    k = 0
    while len(positions) < count:
        index = candidates[(k * step + k // len(candidates)) % len(candidates)]
        line = lines[index]
        positions.append((index, len(line) - len(line.lstrip(" \t"))))  # ASCII blanks: the same in both encodings
        k += 1
    return positions


def bench(binary, path, edits, token_runs, encoding):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(path)
    client = Client(binary)
    pid = client.process.pid
    capabilities = {"general": {"positionEncodings": [encoding]}, "textDocument": {"synchronization": {}}}
    result = client.initialize(capabilities)
    assert result["capabilities"]["positionEncoding"] == encoding, result
    start = time.perf_counter()
    first = client.open_document(uri, text)
    open_ms = (time.perf_counter() - start) * 1000
    memory_open = memory(pid)

    latencies = []
    version = 1
    for line, column in edit_positions(lines, (edits + 1) // 2):
        for insert in (True, False):
            if len(latencies) == edits:
                break
            version += 1
            if insert:
                change = {"range": {"start": {"line": line, "character": column},
                                    "end": {"line": line, "character": column}}, "text": "x"}
            else:
                change = {"range": {"start": {"line": line, "character": column},
                                    "end": {"line": line, "character": column + 1}}, "text": ""}
            message = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
            start = time.perf_counter()
            client.notify("textDocument/didChange", message)
            client.wait_diagnostics(uri, version)
            latencies.append((time.perf_counter() - start) * 1000)

    memory_edits = memory(pid)

    token_times, decode_times = [], []
    token_count = 0
    for run in range(token_runs + 2):
        start = time.perf_counter()
        raw = client.wait_raw_response(client.request("textDocument/semanticTokens/full",
                                                      {"textDocument": {"uri": uri}}))
        elapsed = (time.perf_counter() - start) * 1000
        decode_start = time.perf_counter()
        result = json.loads(raw)["result"]
        decode_ms = (time.perf_counter() - decode_start) * 1000
        token_count = len(result["data"]) // 5
        if run >= 2:
            token_times.append(elapsed)
            decode_times.append(decode_ms)
    memory_end = memory(pid)

    client.shutdown()

    size = len(text.encode())
    print(f"{path}: {size} bytes, {len(lines)} lines, {len(first['diagnostics'])} diagnostics, encoding {encoding}")
    print(f"  didOpen → publishDiagnostics: {open_ms:.1f} ms")
    print(f"  memory after open + diagnostics: VmRSS {memory_open['VmRSS']:.1f} MiB, VmHWM {memory_open['VmHWM']:.1f} MiB")
    print(f"  didChange → publishDiagnostics over {len(latencies)} edits: p50 {percentile(latencies, 50):.2f} ms, "
          f"p95 {percentile(latencies, 95):.2f} ms, max {max(latencies):.2f} ms, mean {statistics.mean(latencies):.2f} ms")
    print(f"  memory after the edits: VmRSS {memory_edits['VmRSS']:.1f} MiB, VmHWM {memory_edits['VmHWM']:.1f} MiB")
    print(f"  semanticTokens/full ({token_count} tokens, {len(raw)} bytes) over {token_runs} runs: "
          f"median {statistics.median(token_times):.1f} ms, min {min(token_times):.1f} ms, max {max(token_times):.1f} ms "
          f"(+ client JSON decoding, median {statistics.median(decode_times):.1f} ms)")
    print(f"  memory at the end: VmRSS {memory_end['VmRSS']:.1f} MiB, VmHWM {memory_end['VmHWM']:.1f} MiB")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/mercator")
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--tokens-runs", type=int, default=20)
    parser.add_argument("--encoding", default="utf-16", choices=["utf-16", "utf-8"])
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    for path in arguments.files:
        bench(arguments.binary, path, arguments.edits, arguments.tokens_runs, arguments.encoding)


if __name__ == "__main__":
    main()
