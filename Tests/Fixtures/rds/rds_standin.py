#!/usr/bin/env python3
"""A stand-in for an RDS PostgreSQL endpoint with IAM authentication, for Mercator's end-to-end tests.

It speaks the PostgreSQL wire protocol as RDS does for an IAM user: TLS is required (a client that does not ask
for it is refused), the password is asked for in clear text (AuthenticationCleartextPassword), and the password
must be an RDS IAM auth token, which is checked the way RDS checks it:

  - the token is `HOST:PORT/?Action=connect&DBUser=…&X-Amz-…` for this endpoint (host compared case-insensitively);
  - `Action=connect`, `DBUser` equal to the user of the startup message;
  - the credential scope is `AKID/DATE/REGION/rds-db/aws4_request` with a known access key and this endpoint's region;
  - `X-Amz-Date` is not in the future (5 minutes of skew allowed) and `X-Amz-Date + X-Amz-Expires` (at most 900 s)
    has not passed;
  - a session token, when one is configured for the key, is present and equal;
  - the SigV4 signature (query presigning, service `rds-db`, signed header `host`, empty-payload hash) is the one
    the key's secret gives.

A token that fails gets what RDS answers, `FATAL 28P01 PAM authentication failed for user "…"` (RDS never says
why); the reason goes to the stand-in's own log (one line per connection, never the token or a secret), so that
tests can check the right reason caused the refusal. A token that passes is let through to a real PostgreSQL
server: the stand-in logs in there over its Unix socket as the backend user (trust authentication), hands the
client the server's answers from AuthenticationOk on, and relays bytes both ways.

The SigV4 checking is written here from AWS's published algorithm, independently of Mercator's Swift signer.

Usage:
  rds_standin.py --region us-east-1 --access-key AKID=SECRET [--session-token AKID=TOKEN] --cert C --key K \
                 --backend-socket /path/.s.PGSQL.5432 [--backend-user mercator] [--listen 127.0.0.1:0] \
                 [--endpoint-host localhost] [--clock-offset SECONDS] [--relay-delay SECONDS] [--log FILE]
Prints `READY <port>` on stdout once it listens; the endpoint is `<endpoint-host>:<port>`.
"""

import argparse
import datetime
import hashlib
import hmac
import select
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse

SSL_REQUEST = 80877103
GSS_REQUEST = 80877104
CANCEL_REQUEST = 80877102
PROTOCOL_3 = 196608
EMPTY_PAYLOAD_HASH = hashlib.sha256(b"").hexdigest()
MAX_EXPIRES = 900
ALLOWED_SKEW = 300


class Refusal(Exception):
    """Why a token was refused: logged by the stand-in, never sent to the client (RDS does not say)."""


def log(args, line):
    if args.log:
        with open(args.log, "a", encoding="utf-8") as out:
            out.write(line + "\n")


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("peer closed")
        data += chunk
    return data


def read_message(sock):
    """A typed message: (type byte, body)."""
    kind = read_exactly(sock, 1)
    (length,) = struct.unpack("!i", read_exactly(sock, 4))
    return kind, read_exactly(sock, length - 4)


def error_response(code, message, severity="FATAL"):
    fields = b""
    for tag, value in ((b"S", severity), (b"V", severity), (b"C", code), (b"M", message)):
        fields += tag + value.encode("utf-8") + b"\0"
    fields += b"\0"
    return b"E" + struct.pack("!i", len(fields) + 4) + fields


def startup_message(params):
    body = struct.pack("!i", PROTOCOL_3)
    for key, value in params.items():
        body += key.encode() + b"\0" + value.encode() + b"\0"
    body += b"\0"
    return struct.pack("!i", len(body) + 4) + body


def sigv4_encode(text):
    return urllib.parse.quote(text, safe="-_.~")


def verify_token(token, user, args, now):
    """Raises Refusal with the reason when the token is not one RDS would accept for `user` at `now`."""
    host_port, separator, query = token.partition("?")
    if not separator:
        raise Refusal("not a token: no query")
    host_port = host_port.rstrip("/")
    if host_port.lower() != args.endpoint.lower():
        raise Refusal(f"token is for endpoint {host_port!r}, this is {args.endpoint!r}")
    params = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        key, value = urllib.parse.unquote(key), urllib.parse.unquote(value)
        if key in params:
            raise Refusal(f"parameter {key} given twice")
        params[key] = value
    for required in ("Action", "DBUser", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                     "X-Amz-SignedHeaders", "X-Amz-Signature"):
        if required not in params:
            raise Refusal(f"missing {required}")
    if params["Action"] != "connect":
        raise Refusal(f"Action is {params['Action']!r}")
    if params["DBUser"] != user:
        raise Refusal(f"token for user {params['DBUser']!r}, connecting as {user!r}")
    if params["X-Amz-Algorithm"] != "AWS4-HMAC-SHA256" or params["X-Amz-SignedHeaders"] != "host":
        raise Refusal("unexpected algorithm or signed headers")
    scope = params["X-Amz-Credential"].split("/")
    if len(scope) != 5 or scope[3:] != ["rds-db", "aws4_request"]:
        raise Refusal("malformed credential scope")
    access_key, date, region = scope[0], scope[1], scope[2]
    if region != args.region:
        raise Refusal(f"signed for region {region!r}, the endpoint is in {args.region!r}")
    if access_key not in args.keys:
        raise Refusal("unknown access key")
    secret, session = args.keys[access_key]
    if session is not None and params.get("X-Amz-Security-Token") != session:
        raise Refusal("missing or wrong session token")
    try:
        signed_at = datetime.datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.timezone.utc)
        expires = int(params["X-Amz-Expires"])
    except ValueError:
        raise Refusal("malformed X-Amz-Date or X-Amz-Expires")
    if params["X-Amz-Date"][:8] != date:
        raise Refusal("credential date differs from X-Amz-Date")
    if not 0 < expires <= MAX_EXPIRES:
        raise Refusal(f"X-Amz-Expires {expires} outside 1…{MAX_EXPIRES}")
    if (signed_at - now).total_seconds() > ALLOWED_SKEW:
        raise Refusal("signed in the future")
    if (now - signed_at).total_seconds() > expires:
        raise Refusal(f"expired {int((now - signed_at).total_seconds()) - expires} s ago")
    canonical_query = "&".join(
        f"{sigv4_encode(key)}={sigv4_encode(value)}"
        for key, value in sorted(params.items()) if key != "X-Amz-Signature")
    canonical_request = "\n".join(
        ["GET", "/", canonical_query, f"host:{host_port.lower()}", "", "host", EMPTY_PAYLOAD_HASH])
    string_to_sign = "\n".join([
        "AWS4-HMAC-SHA256", params["X-Amz-Date"], f"{date}/{region}/rds-db/aws4_request",
        hashlib.sha256(canonical_request.encode()).hexdigest()])
    signing_key = ("AWS4" + secret).encode()
    for part in (date, region, "rds-db", "aws4_request"):
        signing_key = hmac.new(signing_key, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(signing_key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, params["X-Amz-Signature"]):
        raise Refusal("signature does not match")


def relay(client, backend, delay=0.0):
    """Copies bytes both ways until either side closes. One thread: an SSL socket must not be read and written
    from two threads at once. `delay` holds back each chunk the client sends (each query), so that tests can act
    while an inspection is under way."""
    sockets = [client, backend]
    try:
        while True:
            ready = [client] if isinstance(client, ssl.SSLSocket) and client.pending() else []
            if not ready:
                ready, _, _ = select.select(sockets, [], [], 60)
                if not ready:
                    continue
            for source in ready:
                target = backend if source is client else client
                try:
                    data = source.recv(65536)
                except ssl.SSLWantReadError:
                    continue
                if not data:
                    return
                if delay and source is client:
                    time.sleep(delay)
                target.sendall(data)
    except (OSError, ssl.SSLError):
        return


def serve_connection(raw, address, args, context):
    client = raw
    try:
        (length,) = struct.unpack("!i", read_exactly(client, 4))
        (code,) = struct.unpack("!i", read_exactly(client, 4))
        if code == GSS_REQUEST:
            client.sendall(b"N")
            (length,) = struct.unpack("!i", read_exactly(client, 4))
            (code,) = struct.unpack("!i", read_exactly(client, 4))
        if code == CANCEL_REQUEST:
            return
        if code != SSL_REQUEST:
            # RDS with rds.force_ssl (and IAM users in any case) refuses a connection without TLS.
            read_exactly(client, length - 8)
            log(args, f"refused {address[0]}: no TLS")
            client.sendall(error_response(
                "28000", f'no pg_hba.conf entry for host "{address[0]}", user "?", database "?", no encryption'))
            return
        client.sendall(b"S")
        client = context.wrap_socket(raw, server_side=True)
        (length,) = struct.unpack("!i", read_exactly(client, 4))
        body = read_exactly(client, length - 4)
        (protocol,) = struct.unpack("!i", body[:4])
        if protocol != PROTOCOL_3:
            client.sendall(error_response("08P01", f"unsupported frontend protocol {protocol >> 16}.{protocol & 0xffff}"))
            return
        fields = body[4:].split(b"\0")
        params = {fields[i].decode(): fields[i + 1].decode() for i in range(0, len(fields) - 1, 2) if fields[i]}
        user = params.get("user", "")
        database = params.get("database", user)
        client.sendall(b"R" + struct.pack("!ii", 8, 3))  # AuthenticationCleartextPassword
        kind, password = read_message(client)
        if kind != b"p":
            return
        token = password.rstrip(b"\0").decode("utf-8", errors="replace")
        now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=args.clock_offset)
        try:
            verify_token(token, user, args, now)
        except Refusal as refusal:
            log(args, f"refused user={user}: {refusal}")
            client.sendall(error_response("28P01", f'PAM authentication failed for user "{user}"'))
            return
        backend = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        backend.connect(args.backend_socket)
        backend.sendall(startup_message({"user": args.backend_user, "database": database}))
        kind, body = read_message(backend)
        if kind != b"R" or struct.unpack("!i", body[:4])[0] != 0:
            log(args, f"backend did not accept {args.backend_user} without a password")
            client.sendall(error_response("08006", "the stand-in's backend refused it"))
            return
        log(args, f"accepted user={user} database={database}")
        client.sendall(kind + struct.pack("!i", len(body) + 4) + body)
        relay(client, backend, args.relay_delay)
        backend.close()
    except (ConnectionError, OSError, ssl.SSLError, struct.error, UnicodeDecodeError) as error:
        log(args, f"connection from {address[0]} ended: {type(error).__name__}")
    finally:
        try:
            client.close()
        except OSError:
            pass


def main():
    # A parent may start us with signals blocked (posix_spawn passes its mask on): unblock the ones that stop us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listen", default="127.0.0.1:0")
    parser.add_argument("--endpoint-host", default="localhost")
    parser.add_argument("--region", required=True)
    parser.add_argument("--access-key", action="append", default=[], required=True,
                        help="AKID=SECRET (repeatable; the secret may hold '=')")
    parser.add_argument("--session-token", action="append", default=[],
                        help="AKID=TOKEN: tokens signed with AKID must carry this session token (repeatable)")
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--backend-socket", required=True)
    parser.add_argument("--backend-user", default="mercator")
    parser.add_argument("--clock-offset", type=float, default=0, help="seconds added to the stand-in's clock")
    parser.add_argument("--relay-delay", type=float, default=0,
                        help="seconds each message from the client waits before it is relayed (slows every query)")
    parser.add_argument("--log")
    args = parser.parse_args()
    args.keys = {}
    sessions = {}
    for entry in args.session_token:
        key, separator, token = entry.partition("=")
        if not separator:
            parser.error("--session-token takes AKID=TOKEN")
        sessions[key] = token
    for entry in args.access_key:
        key, separator, secret = entry.partition("=")
        if not separator:
            parser.error("--access-key takes AKID=SECRET")
        args.keys[key] = (secret, sessions.get(key))
    host, _, port = args.listen.rpartition(":")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, int(port)))
    listener.listen(16)
    bound = listener.getsockname()[1]
    args.endpoint = f"{args.endpoint_host}:{bound}"
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    print(f"READY {bound}", flush=True)
    while True:
        raw, address = listener.accept()
        threading.Thread(target=serve_connection, args=(raw, address, args, context), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
