#!/usr/bin/env python3
"""A database server that refuses TLS, for Mercator's fault tests: it answers the first steps of the PostgreSQL or
MySQL protocol the way a server without TLS does, so that a client that requires TLS must give up.

  postgres: answers `N` to the SSLRequest (and an error to a plain startup);
  mysql:    greets with a protocol-10 handshake whose capabilities lack CLIENT_SSL, then closes.

Usage: tls_refusing_server.py postgres|mysql   — prints `READY <port>` once it listens on 127.0.0.1.
"""

import signal
import socket
import struct
import sys
import threading

CLIENT_LONG_PASSWORD = 0x1
CLIENT_CONNECT_WITH_DB = 0x8
CLIENT_PROTOCOL_41 = 0x200
CLIENT_SECURE_CONNECTION = 0x8000
CLIENT_PLUGIN_AUTH = 0x80000


def postgres(conn):
    header = conn.recv(8)
    if len(header) == 8 and struct.unpack("!ii", header)[1] == 80877103:
        conn.sendall(b"N")
    fields = b"SFATAL\0C08P01\0Mthis server does not do TLS\0\0"
    conn.sendall(b"E" + struct.pack("!i", len(fields) + 4) + fields)


def mysql(conn):
    capabilities = CLIENT_LONG_PASSWORD | CLIENT_CONNECT_WITH_DB | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION \
        | CLIENT_PLUGIN_AUTH
    salt = b"abcdefghijklmnopqrst"
    payload = (b"\x0a" + b"5.5.5-10.11.0-no-tls\0" + struct.pack("<I", 1) + salt[:8] + b"\0"
               + struct.pack("<H", capabilities & 0xFFFF) + b"\x21" + struct.pack("<H", 2)
               + struct.pack("<H", capabilities >> 16) + bytes([len(salt) + 1]) + b"\0" * 10
               + salt[8:] + b"\0" + b"mysql_native_password\0")
    conn.sendall(struct.pack("<I", len(payload))[:3] + b"\0" + payload)
    conn.recv(4096)


def main():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    handler = {"postgres": postgres, "mysql": mysql}[sys.argv[1]]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    print(f"READY {listener.getsockname()[1]}", flush=True)

    def serve(conn):
        try:
            handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
