#!/usr/bin/env python3
"""Hover and completion latency while an Inspect schema runs (issue 8, acceptance 2), against the same idle.

Usage: Benchmarks/lsp_during_inspect.py [--binary BIN] [--runs N] [--relay-delay SECONDS] [--workdir DIR]

Starts the test servers (scripts/db-servers.sh) and the RDS stand-in (Tests/Fixtures/rds/rds_standin.py) with
`--relay-delay` (each relayed message waits, so that one inspection lasts seconds), builds the fixture schema, and
generates the 1,000-line atlas.hcl of the editor-feature targets (Benchmarks/generate-atlas-hcl.py 28KiB) with the
stand-in's env appended. One server over stdio: after the first diagnostics, N hovers and N completions after
`local.`, alternated, idle; then the Inspect schema lens is resolved and its command sent, and the same requests
are timed one at a time until its answer arrives (only answers that came while it ran count). p50/p95/max of both,
and the inspection's own time and result. The targets are the editor features' (p95 ≤ 10 ms on 1,000 lines).
"""
import argparse, json, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from lsp_bench import Client, percentile  # noqa: E402
from lsp_features_bench import CAPABILITIES, positions, spread  # noqa: E402

RDS = os.path.join(ROOT, "Tests", "Fixtures", "rds")
ACCESS_KEY, SECRET_KEY = "AKIDSTANDINEXAMPLE", "standin/secret+key=example"


def test_servers():
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "db-servers.sh"), "start"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    values = {}
    with open(os.path.join(ROOT, ".build-db", "env"), encoding="utf-8") as handle:
        for line in handle:
            key, sep, value = line.strip().partition("=")
            if sep and not key.startswith("#"):
                values[key] = value.strip("'")
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "mercator"))
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--relay-delay", type=float, default=0.5)
    parser.add_argument("--workdir")
    arguments = parser.parse_args()
    work = arguments.workdir or tempfile.mkdtemp(prefix="lsp-during-inspect-")
    env = test_servers()
    socket = env["MERCATOR_TEST_POSTGRES_SOCKET"]
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", os.path.dirname(socket),
                    "-p", socket.rsplit(".", 1)[1], "-U", "mercator", "-d", "mercator_test",
                    "-f", os.path.join(RDS, "setup.sql")], check=True)
    standin = subprocess.Popen(
        [sys.executable, os.path.join(RDS, "rds_standin.py"), "--region", "us-east-1",
         "--access-key", f"{ACCESS_KEY}={SECRET_KEY}", "--cert", env["MERCATOR_TEST_DB_CA"],
         "--key", env["MERCATOR_TEST_DB_KEY"], "--backend-socket", socket,
         "--relay-delay", str(arguments.relay_delay), "--log", os.path.join(work, "standin.log")],
        stdout=subprocess.PIPE, text=True)
    try:
        port = int(standin.stdout.readline().split()[1])
        path = os.path.join(work, "atlas.hcl")
        subprocess.run([sys.executable, os.path.join(HERE, "generate-atlas-hcl.py"), "28KiB", "-o", path], check=True)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        text += f'''
locals {{
  standin_endpoint = "localhost:{port}"
}}
data "aws_rds_token" "standin" {{
  endpoint = local.standin_endpoint
  username = "mercator"
  region   = "us-east-1"
}}
env "standin" {{
  url = "postgres://mercator:${{urlescape(data.aws_rds_token.standin)}}@${{local.standin_endpoint}}/mercator_test?sslmode=verify-full&sslrootcert={env["MERCATOR_TEST_DB_CA"]}&search_path=mercator_standin"
}}
'''
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.environ.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                           "AWS_EC2_METADATA_DISABLED": "true", "XDG_CACHE_HOME": os.path.join(work, "cache")})
        run(arguments, path, text)
    finally:
        standin.kill()


def run(arguments, path, text):
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(path)
    client = Client(arguments.binary)
    client.initialize(CAPABILITIES)
    client.open_document(uri, text)
    after_dot, _, words, _, _ = positions(lines)
    requests = []
    for hover, completion in zip(spread(words, arguments.runs), spread(after_dot, arguments.runs)):
        requests.append(("hover", "textDocument/hover", hover))
        requests.append(("completion", "textDocument/completion", completion))
    state = {"inspect": None, "answer": None, "at": None}

    def timed(method, position):
        start = time.perf_counter()
        request_id = client.request(method, {"textDocument": {"uri": uri},
                                             "position": {"line": position[0], "character": position[1]}})
        while True:
            message = json.loads(client.read_raw())
            if message.get("id") == request_id and "method" not in message:
                assert "error" not in message, message
                return (time.perf_counter() - start) * 1000
            if state["inspect"] is not None and message.get("id") == state["inspect"] and "method" not in message:
                state["answer"], state["at"] = message, time.perf_counter()
            else:
                client.answer_server_request(message)

    idle = {"hover": [], "completion": []}
    for name, method, position in requests:
        idle[name].append(timed(method, position))
    # The Inspect schema lens of env "standin", resolved, and its command sent without waiting.
    lenses = client.wait_response(client.request("textDocument/codeLens", {"textDocument": {"uri": uri}}))["result"]
    command = None
    for lens in lenses:
        resolved = lens if lens.get("command") else client.wait_response(client.request("codeLens/resolve", lens))["result"]
        found = resolved.get("command") or {}
        if found.get("title") == "Inspect schema" and "standin" in json.dumps(found.get("arguments", [])):
            command = found
    assert command, "no Inspect schema lens for env standin"
    started = time.perf_counter()
    state["inspect"] = client.request("workspace/executeCommand",
                                      {"command": command["command"], "arguments": command.get("arguments", [])})
    during = {"hover": [], "completion": []}
    for name, method, position in requests:
        elapsed = timed(method, position)
        if state["answer"] is not None:
            break
        during[name].append(elapsed)
    if state["answer"] is None:
        state["answer"] = client.wait_response(state["inspect"])
        state["at"] = time.perf_counter()
    print(f"{arguments.binary}; relay delay {arguments.relay_delay} s; load {os.getloadavg()[0]:.2f}")
    print(f"inspection: {(state['at'] - started) * 1000:.0f} ms, "
          f"{'error: ' + json.dumps(state['answer']['error']) if 'error' in state['answer'] else 'succeeded'}")
    print(f"{'request':<12} {'idle n':>6} {'p50':>7} {'p95':>7} {'max':>7}   {'during n':>8} {'p50':>7} {'p95':>7} {'max':>7}")
    for name in ("hover", "completion"):
        a, b = idle[name], during[name]
        row = f"{name:<12} {len(a):>6} {percentile(a, 50):>7.2f} {percentile(a, 95):>7.2f} {max(a):>7.2f}"
        row += f"   {len(b):>8} {percentile(b, 50):>7.2f} {percentile(b, 95):>7.2f} {max(b):>7.2f}" if b else "   (none)"
        print(row + "   ms")
    client.shutdown()


if __name__ == "__main__":
    main()
