# Local stand-ins for the AWS endpoints moto does not serve, for the AWSAuth tests: EC2 instance metadata (IMDSv2),
# container credentials and the IAM Identity Center (SSO) portal, plus an STS that fails.
# The first path segment picks the behaviour (a test may append "~tag" to keep its requests apart in the log):
#   /imds-ok/...       IMDSv2: PUT /latest/api/token needs the TTL header; GETs need the token it handed out
#   /imds-v1/...       an IMDS that only speaks v1 (the token PUT gets 404)
#   /imds-nocode/...   IMDSv2 whose credentials lack "Code":"Success"
#   /imds-silent/...   accepts the connection and never answers
#   /container/...     container credentials; needs Authorization: container-auth-token-7Qw
#   /sso/federation/credentials   needs x-amz-sso_bearer_token: sso-access-token-SECRET-5Zt
#   /sts-500           answers every request with HTTP 500 and an STS error document
#   /_log?prefix=P     the requests seen whose first segment starts with P, as JSON
# Prints "PORT <n>" once it listens; serves until its stdin closes.
import datetime
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

IMDS_TOKEN = "imds-session-token-SECRET-3Kd"
CONTAINER_AUTH = "container-auth-token-7Qw"
SSO_TOKEN = "sso-access-token-SECRET-5Zt"
LOG = []
LOCK = threading.Lock()


def later(hours):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        parts = url.path.split("/")
        segment = parts[1] if len(parts) > 1 else ""
        scenario = segment.split("~")[0]
        rest = "/" + "/".join(parts[2:])
        if scenario == "_log":
            prefix = parse_qs(url.query).get("prefix", [""])[0]
            with LOCK:
                seen = [r for r in LOG if r["segment"].startswith(prefix)]
            return self.reply(200, json.dumps(seen))
        with LOCK:
            LOG.append({"segment": segment, "method": self.command, "path": rest,
                        "headers": {k.lower(): v for k, v in self.headers.items()}})
        if scenario.startswith("imds"):
            return self.imds(scenario, rest)
        if scenario == "container":
            if self.headers.get("Authorization") != CONTAINER_AUTH:
                return self.reply(401, json.dumps({"code": "AccessDenied", "message": "bad authorization token"}))
            return self.reply(200, json.dumps({
                "AccessKeyId": "ASIACONTAINEREXAMPLE", "SecretAccessKey": "container-secret-SECRET-9Hb",
                "Token": "container-session-SECRET-2Lm", "Expiration": later(6), "AccountId": "123456789012"}))
        if scenario == "sso" and rest == "/federation/credentials":
            if self.headers.get("x-amz-sso_bearer_token") != SSO_TOKEN:
                return self.reply(401, json.dumps({"message": "Session token not found or invalid"}))
            q = parse_qs(url.query)
            if q.get("account_id") != ["111122223333"] or q.get("role_name") != ["Reader"]:
                return self.reply(403, json.dumps({"message": "No access"}))
            expires = int((time.time() + 3600) * 1000)
            return self.reply(200, json.dumps({"roleCredentials": {
                "accessKeyId": "ASIASSOEXAMPLE", "secretAccessKey": "sso-role-secret-SECRET-8Pq",
                "sessionToken": "sso-role-session-SECRET-1Vx", "expiration": expires}}))
        if scenario == "sts-500":
            return self.reply(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>"
                                   "<Message>stand-in failure</Message></Error></ErrorResponse>", "text/xml")
        return self.reply(404, "not found", "text/plain")

    def imds(self, scenario, rest):
        if scenario == "imds-silent":
            time.sleep(30)
            return
        if rest == "/latest/api/token" and self.command == "PUT":
            if scenario == "imds-v1":
                return self.reply(404, "", "text/plain")
            ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
            if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                return self.reply(400, "", "text/plain")
            return self.reply(200, IMDS_TOKEN, "text/plain")
        if scenario != "imds-v1" and self.headers.get("X-aws-ec2-metadata-token") != IMDS_TOKEN:
            return self.reply(401, "", "text/plain")
        if rest == "/latest/meta-data/iam/security-credentials/":
            return self.reply(200, "mercator-role\n", "text/plain")
        if rest == "/latest/meta-data/iam/security-credentials/mercator-role":
            creds = {"AccessKeyId": "ASIAIMDSEXAMPLE", "SecretAccessKey": "imds-secret-SECRET-4Rt",
                     "Token": "imds-session-SECRET-6Yu", "Expiration": later(6), "Type": "AWS-HMAC"}
            if scenario != "imds-nocode":
                creds["Code"] = "Success"
            return self.reply(200, json.dumps(creds))
        return self.reply(404, "", "text/plain")

    do_GET = handle_any
    do_PUT = handle_any
    do_POST = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print(f"PORT {server.server_address[1]}", flush=True)
sys.stdin.read()
server.shutdown()
