# Starts moto's server (STS and the rest) on 127.0.0.1 with a free port for the AWSAuth tests.
# Prints "PORT <n>" on stdout once it listens, then serves until its stdin closes (the test process ended or
# closed the pipe), so it never outlives the tests.
import sys

from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
print(f"PORT {port}", flush=True)
sys.stdin.read()
server.stop()
