#!/usr/bin/env python3
"""Times `mercator serve` from process start to the `initialize` result, over N runs; prints the median.

Usage: Benchmarks/lsp_startup.py [BINARY] [RUNS]   (default .build/release/mercator, 20 runs)
"""
import json, statistics, subprocess, sys, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/mercator"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "capabilities": {}}}).encode()
message = b"Content-Length: %d\r\n\r\n" % len(body) + body
exit_body = json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()

times = []
for _ in range(runs):
    start = time.perf_counter()
    process = subprocess.Popen([binary, "serve", "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    process.stdin.write(message)
    process.stdin.flush()
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        header += process.stdout.read(1)
    length = int(header.split(b":")[1])
    reply = json.loads(process.stdout.read(length))
    times.append((time.perf_counter() - start) * 1000)
    assert reply["result"]["serverInfo"]["name"] == "mercator", reply
    process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(exit_body) + exit_body)
    process.stdin.close()
    process.wait()

print(f"{runs} runs, start to initialize result: median {statistics.median(times):.1f} ms, "
      f"min {min(times):.1f} ms, max {max(times):.1f} ms")
