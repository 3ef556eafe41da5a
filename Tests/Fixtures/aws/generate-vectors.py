#!/usr/bin/env python3
"""Writes rds-token-vectors.json: RDS auth tokens and SigV4 signed headers exactly as botocore makes them.

Tests/AWSAuthTests/BotocoreVectorTests.swift reads the output and requires our tokens and headers to be
byte-identical. Everything is fixed, so re-running with the same botocore gives the same file:
AWS's documented example keys (not real credentials), fixed session tokens, and botocore's clock patched to each
vector's instant.

    python3 -m venv .venv-aws && .venv-aws/bin/pip install boto3
    .venv-aws/bin/python Tests/Fixtures/aws/generate-vectors.py > Tests/Fixtures/aws/rds-token-vectors.json

Our one chosen difference from botocore is the host case (../shared/reference/aws-rds-token.md §2.6): botocore signs
the lower-cased host but prints it as given; we lower-case it for both. So each token vector records both
`botocore_token` (the host as given, what the AWS CLI prints) and `botocore_token_lowercased_host` (botocore given the
lower-cased host), and the test says which one it compares.
"""

import datetime
import json
import sys
from unittest import mock

import boto3
import botocore
import botocore.auth
from botocore.auth import SigV4Auth, _host_from_url
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/session+token=="
# The shape of a long STS token (moto's prefix, base64 with / + =), made up.
LONG_SESSION_TOKEN = (
    "FQoGZXIvYXdzEBYaDHN0cy1leGFtcGxlLXRva2VuIkgwRgIhAJ+exampleLongSessionToken/with/slashes+and+plus=="
    + "A1b2C3d4E5f6G7h8I9j0/+" * 12
    + "Zm9vYmFyYmF6cXV4cXV1eA=="
)


def instant(text):
    """A naive UTC datetime, as botocore's get_current_datetime() returns it."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.timezone.utc).replace(tzinfo=None)


def epoch(moment):
    return (moment - datetime.datetime(1970, 1, 1)).total_seconds()


class RecordingSigV4Auth(SigV4Auth):
    """SigV4Auth that keeps its canonical request and string to sign, for debugging a mismatch."""

    def canonical_request(self, request):
        self.last_canonical_request = super().canonical_request(request)
        return self.last_canonical_request

    def string_to_sign(self, request, canonical_request):
        self.last_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.last_string_to_sign


def rds_client(token):
    session = boto3.Session(
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY, aws_session_token=token,
        region_name="us-east-1")
    return session.client("rds")


CLIENTS = {None: rds_client(None), SESSION_TOKEN: rds_client(SESSION_TOKEN), LONG_SESSION_TOKEN: rds_client(LONG_SESSION_TOKEN)}


def botocore_token(host, port, user, region, token, moment):
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=moment):
        return CLIENTS[token].generate_db_auth_token(DBHostname=host, Port=port, DBUsername=user, Region=region)


def token_vector(name, host, port, user, region, at, token=None, endpoint=None):
    moment = instant(at)
    given = botocore_token(host, port, user, region, token, moment)
    lowered = botocore_token(host.lower(), port, user, region, token, moment)
    return {
        "name": name,
        # What our parser is given: HOST:PORT, or a variant Atlas also accepts (scheme prefix).
        "endpoint": endpoint if endpoint is not None else f"{host}:{port}",
        "host": host,
        "port": port,
        "username": user,
        "region": region,
        "signing_time": at,
        "signing_epoch": epoch(moment),
        "session_token": token,
        "botocore_token": given,
        "botocore_token_lowercased_host": lowered,
        "host_has_upper_case": host != host.lower(),
    }


def header_vector(name, method, url, headers, body, service, region, at, token=None):
    moment = instant(at)
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body.encode("utf-8"))
    auth = RecordingSigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, token), service, region)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=moment):
        auth.add_auth(request)
    # botocore leaves Host to the HTTP client; our signer adds it, with the value botocore signed.
    given_host = next((v for k, v in headers.items() if k.lower() == "host"), None)
    return {
        "name": name,
        "method": method,
        "url": url,
        "headers": headers,
        "body": body,
        "service": service,
        "region": region,
        "signing_time": at,
        "signing_epoch": epoch(moment),
        "session_token": token,
        "botocore_headers": dict(request.headers.items()),
        "host_header": given_host if given_host is not None else _host_from_url(url),
        "botocore_canonical_request": auth.last_canonical_request,
        "botocore_string_to_sign": auth.last_string_to_sign,
    }


def partitions():
    data = json.loads(open(botocore.__path__[0] + "/data/endpoints.json").read())
    return [(p["partition"], p["dnsSuffix"], sorted(p["regions"])) for p in data["partitions"]]


def token_vectors():
    vectors = [
        token_vector("pg-us-east-1-instance", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "atlas",
                     "us-east-1", "2024-01-02T03:04:05Z"),
        token_vector("pg-us-east-1-instance-session", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "atlas",
                     "us-east-1", "2024-01-02T03:04:05Z", SESSION_TOKEN),
        token_vector("pg-https-prefix", "mydb.c9akciq32abc.sa-east-1.rds.amazonaws.com", 5432, "atlas", "sa-east-1",
                     "2024-01-02T03:04:05Z",
                     endpoint="https://mydb.c9akciq32abc.sa-east-1.rds.amazonaws.com:5432"),
        token_vector("pg-http-prefix-session", "mydb.c9akciq32abc.sa-east-1.rds.amazonaws.com", 5432, "atlas",
                     "sa-east-1", "2024-01-02T03:04:05Z", SESSION_TOKEN,
                     endpoint="http://mydb.c9akciq32abc.sa-east-1.rds.amazonaws.com:5432"),
        token_vector("mysql-eu-west-1-cluster-session", "prod.cluster-c9akciq32abc.eu-west-1.rds.amazonaws.com", 3306,
                     "admin", "eu-west-1", "2024-06-30T23:59:59Z", SESSION_TOKEN),
        token_vector("pg-ap-southeast-2-cluster-ro-leap-day", "prod.cluster-ro-c9akciq32abc.ap-southeast-2.rds.amazonaws.com",
                     5432, "app_ro", "ap-southeast-2", "2024-02-29T23:59:59Z"),
        token_vector("pg-ap-southeast-2-custom-cluster-leap-day-session",
                     "analytics.cluster-custom-c9akciq32abc.ap-southeast-2.rds.amazonaws.com", 5432, "app_ro",
                     "ap-southeast-2", "2024-02-29T00:00:00Z", SESSION_TOKEN),
        token_vector("pg-us-west-2-proxy-at-user", "myproxy.proxy-c9akciq32abc.us-west-2.rds.amazonaws.com", 5432,
                     "user@x", "us-west-2", "2025-03-01T00:00:00Z"),
        token_vector("mysql-eu-central-1-proxy-endpoint-plus-user",
                     "reader.endpoint.proxy-c9akciq32abc.eu-central-1.rds.amazonaws.com", 3306, "a+b", "eu-central-1",
                     "2025-12-31T23:59:59Z", SESSION_TOKEN),
        token_vector("mysql-cn-north-1-umlaut-user-year-end", "mydb.c9akciq32abc.rds.cn-north-1.amazonaws.com.cn", 3306,
                     "üser", "cn-north-1", "2023-12-31T23:59:59Z"),
        token_vector("pg-cn-northwest-1-cjk-user-session", "mydb.c9akciq32abc.rds.cn-northwest-1.amazonaws.com.cn",
                     5432, "用户", "cn-northwest-1", "2024-01-01T00:00:00Z", SESSION_TOKEN),
        token_vector("pg-us-gov-west-1-space-user", "mydb.c9akciq32abc.us-gov-west-1.rds.amazonaws.com", 5432,
                     "atlas user", "us-gov-west-1", "2024-03-01T12:00:00Z"),
        token_vector("mysql-us-gov-east-1-dotted-user-session", "mydb.c9akciq32abc.us-gov-east-1.rds.amazonaws.com",
                     3306, "iam_user-01.ro", "us-gov-east-1", "2024-12-31T23:59:59Z", SESSION_TOKEN),
        token_vector("pg-us-east-2-port-443", "mydb.c9akciq32abc.us-east-2.rds.amazonaws.com", 443, "root",
                     "us-east-2", "2024-07-04T10:20:30Z"),
        token_vector("pg-us-east-2-port-443-session", "mydb.c9akciq32abc.us-east-2.rds.amazonaws.com", 443, "root",
                     "us-east-2", "2024-07-04T10:20:30Z", SESSION_TOKEN),
        token_vector("pg-us-east-1-uppercase-host", "MYDB.C9AKCIQ32ABC.US-EAST-1.RDS.AMAZONAWS.COM", 5432, "atlas",
                     "us-east-1", "2024-01-02T03:04:05Z"),
        token_vector("mysql-eu-west-1-mixedcase-host-session", "MyDB.c9akciq32abc.EU-West-1.rds.amazonaws.com", 3306,
                     "admin", "eu-west-1", "2024-01-02T03:04:05Z", SESSION_TOKEN),
        token_vector("pg-ap-northeast-1-punctuation-user", "mydb.c9akciq32abc.ap-northeast-1.rds.amazonaws.com", 5432,
                     "we!rd*u'(x)~;:=&?/#%$,", "ap-northeast-1", "2024-05-05T05:05:05Z"),
        token_vector("pg-us-east-1-brackets-quotes-user", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432,
                     "a\"b<c>d[e]f{g}h|i\\j^k`l", "us-east-1", "2024-05-05T05:05:05Z"),
        token_vector("pg-us-east-1-emoji-user", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432,
                     "\U0001F984db", "us-east-1", "2024-05-05T05:05:05Z"),
        # "é" as e + U+0301: the bytes are signed as given, never normalised.
        token_vector("pg-us-east-1-decomposed-accent-user", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432,
                     "cafe\u0301", "us-east-1", "2024-05-05T05:05:05Z"),
        token_vector("pg-us-east-1-precomposed-accent-user", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432,
                     "caf\u00e9", "us-east-1", "2024-05-05T05:05:05Z"),
        token_vector("pg-localhost", "localhost", 5432, "atlas", "us-east-1", "2024-01-02T03:04:05Z"),
        token_vector("pg-ipv6-loopback", "[::1]", 5432, "atlas", "us-east-1", "2024-01-02T03:04:05Z"),
        token_vector("pg-ipv4", "10.0.12.34", 5432, "atlas", "us-east-1", "2024-01-02T03:04:05Z", SESSION_TOKEN),
        token_vector("pg-long-session-token", "mydb.c9akciq32abc.us-west-1.rds.amazonaws.com", 5432, "atlas",
                     "us-west-1", "2024-08-15T08:15:00Z", LONG_SESSION_TOKEN),
        token_vector("mysql-fractional-seconds-truncated", "mydb.c9akciq32abc.eu-north-1.rds.amazonaws.com", 3306,
                     "admin", "eu-north-1", "2024-01-02T03:04:05.999999Z"),
        token_vector("pg-2038-past-32-bit-seconds", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "atlas",
                     "us-east-1", "2038-01-19T03:14:08Z"),
        token_vector("pg-2100-not-a-leap-year", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "atlas",
                     "us-east-1", "2100-03-01T00:00:00Z"),
        token_vector("pg-2000-leap-day", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "atlas",
                     "us-east-1", "2000-02-29T12:34:56Z"),
        token_vector("pg-before-1970", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "atlas",
                     "us-east-1", "1969-12-31T23:59:59Z"),
    ]
    # Every region botocore knows, in every partition, with the partition's own endpoint form; with and without a
    # session token, cycling ports and signing times.
    ports = [5432, 3306, 443]
    times = ["2024-01-02T03:04:05Z", "2024-02-29T23:59:59Z", "2024-12-31T23:59:59Z", "2025-01-01T00:00:00Z"]
    index = 0
    for partition, dns_suffix, regions in partitions():
        for region in regions:
            if partition == "aws-cn":
                host = f"db{index}.c9akciq32abc.rds.{region}.{dns_suffix}"
            else:
                host = f"db{index}.c9akciq32abc.{region}.rds.{dns_suffix}"
            for token in (None, SESSION_TOKEN):
                suffix = "-session" if token else ""
                vectors.append(token_vector(
                    f"{partition}-{region}-{ports[index % 3]}{suffix}", host, ports[index % 3], f"iam_user{index}",
                    region, times[index % 4], token))
                index += 1
    return vectors


STS_FORM = "application/x-www-form-urlencoded; charset=utf-8"
ASSUME_ROLE_BODY = (
    "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeploy"
    "&RoleSessionName=mercator-1704164645&DurationSeconds=900")


def header_vectors():
    return [
        header_vector("sts-assume-role-us-east-1", "POST", "https://sts.us-east-1.amazonaws.com/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY, "sts", "us-east-1", "2024-01-02T03:04:05Z"),
        header_vector("sts-assume-role-us-east-1-session", "POST", "https://sts.us-east-1.amazonaws.com/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY, "sts", "us-east-1", "2024-01-02T03:04:05Z",
                      SESSION_TOKEN),
        header_vector("sts-assume-role-global-endpoint", "POST", "https://sts.amazonaws.com/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY, "sts", "us-east-1", "2024-02-29T23:59:59Z"),
        header_vector("sts-assume-role-cn-north-1-session", "POST", "https://sts.cn-north-1.amazonaws.com.cn/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY + "&ExternalId=ext%2Bid%3D%2F1", "sts",
                      "cn-north-1", "2023-12-31T23:59:59Z", LONG_SESSION_TOKEN),
        header_vector("sts-assume-role-us-gov-west-1-mfa", "POST", "https://sts.us-gov-west-1.amazonaws.com/",
                      {"Content-Type": STS_FORM},
                      ASSUME_ROLE_BODY + "&SerialNumber=arn%3Aaws-us-gov%3Aiam%3A%3A123456789012%3Amfa%2Fme&TokenCode=123456",
                      "sts", "us-gov-west-1", "2024-12-31T23:59:59Z"),
        header_vector("sts-assume-role-local-moto-http", "POST", "http://127.0.0.1:5055/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY, "sts", "us-east-1", "2024-01-02T03:04:05Z",
                      SESSION_TOKEN),
        header_vector("sts-assume-role-ipv6-loopback", "POST", "http://[::1]:5055/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY, "sts", "us-east-1", "2024-01-02T03:04:05Z"),
        header_vector("sts-uppercase-host-default-port", "POST", "https://STS.EU-WEST-1.AMAZONAWS.COM:443/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY, "sts", "eu-west-1", "2024-01-02T03:04:05Z"),
        header_vector("sts-user-agent-and-whitespace", "POST", "https://sts.eu-west-1.amazonaws.com/",
                      {"Content-Type": "  application/x-www-form-urlencoded;   charset=utf-8  ",
                       "User-Agent": "mercator/0.1", "X-Custom-Header": "a\t b  \n c"},
                      ASSUME_ROLE_BODY, "sts", "eu-west-1", "2024-01-02T03:04:05Z", SESSION_TOKEN),
        header_vector("sts-stale-auth-headers-replaced", "POST", "https://sts.eu-west-1.amazonaws.com/",
                      {"Content-Type": STS_FORM, "Authorization": "stale", "X-Amz-Date": "20000101T000000Z",
                       "X-Amz-Security-Token": "stale"},
                      ASSUME_ROLE_BODY, "sts", "eu-west-1", "2024-01-02T03:04:05Z", SESSION_TOKEN),
        header_vector("sts-date-header-instead-of-x-amz-date", "POST", "https://sts.eu-west-1.amazonaws.com/",
                      {"Content-Type": STS_FORM, "Date": "Mon, 01 Jan 2000 00:00:00 GMT"},
                      ASSUME_ROLE_BODY, "sts", "eu-west-1", "2024-01-02T03:04:05Z"),
        header_vector("sts-explicit-host-header", "POST", "https://sts.eu-west-1.amazonaws.com/",
                      {"Content-Type": STS_FORM, "Host": "sts.eu-west-1.amazonaws.com"},
                      ASSUME_ROLE_BODY, "sts", "eu-west-1", "2024-01-02T03:04:05Z"),
        header_vector("sts-get-caller-identity-get-query", "GET",
                      "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
                      {}, "", "sts", "us-east-1", "2024-01-02T03:04:05Z", SESSION_TOKEN),
        header_vector("get-query-needs-sorting", "GET",
                      "https://example.us-east-1.amazonaws.com/?b=2&a=1&a=0&c=&d&e=%2F%20%2B~",
                      {}, "", "execute-api", "us-east-1", "2024-01-02T03:04:05Z"),
        header_vector("sso-get-role-credentials", "GET",
                      "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?account_id=123456789012&role_name=Admin%2BOps",
                      {"x-amz-sso_bearer_token": "not-a-real-bearer-token"}, "", "awsssoportal", "eu-central-1",
                      "2024-01-02T03:04:05Z"),
        header_vector("path-dot-segments-and-escapes", "GET",
                      "https://example.us-east-1.amazonaws.com/a/./b/../c//d%20e/f~g/",
                      {}, "", "execute-api", "us-east-1", "2024-01-02T03:04:05Z"),
        header_vector("empty-path-non-default-port", "GET", "https://example.us-east-1.amazonaws.com:8443",
                      {}, "", "execute-api", "us-east-1", "2024-01-02T03:04:05Z"),
        header_vector("post-empty-body", "POST", "https://sts.us-east-1.amazonaws.com/",
                      {"Content-Type": STS_FORM}, "", "sts", "us-east-1", "2024-01-02T03:04:05Z"),
        header_vector("post-utf8-json-body", "POST", "https://example.ap-southeast-2.amazonaws.com/items",
                      {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Service.Op"},
                      '{"name":"üser 用户"}', "example", "ap-southeast-2", "2024-02-29T23:59:59Z", SESSION_TOKEN),
        header_vector("given-payload-hash-header", "PUT", "https://example.us-east-1.amazonaws.com/obj",
                      {"X-Amz-Content-SHA256": "UNSIGNED-PAYLOAD"}, "ignored body", "example", "us-east-1",
                      "2024-01-02T03:04:05Z"),
        header_vector("lower-case-method", "post", "https://sts.us-east-1.amazonaws.com/",
                      {"Content-Type": STS_FORM}, ASSUME_ROLE_BODY, "sts", "us-east-1", "2024-01-02T03:04:05Z"),
    ]


def main():
    document = {
        "generator": "Tests/Fixtures/aws/generate-vectors.py",
        "botocore_version": botocore.__version__,
        "boto3_version": boto3.__version__,
        "access_key_id": ACCESS_KEY,
        "secret_access_key": SECRET_KEY,
        "note": "AWS's documented example keys; botocore's clock patched per vector. Tokens: our host is lower-cased "
                "for printing as well as signing, so compare with botocore_token_lowercased_host; botocore_token is "
                "what the AWS CLI prints (the host as given).",
        "rds_tokens": token_vectors(),
        "signed_headers": header_vectors(),
    }
    json.dump(document, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
