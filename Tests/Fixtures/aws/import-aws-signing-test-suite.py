#!/usr/bin/env python3
"""Turns AWS's SigV4 test suite (awslabs/aws-c-auth, tests/aws-signing-test-suite/v4, Apache License 2.0) into
aws-signing-test-suite.json for Tests/AWSAuthTests/AWSSigningTestSuiteTests.swift.

Only the header-signing half of each case is used, and only cases our `SigV4.signedHeaders` can express the way the
suite means them; the others are listed under "skipped" with the reason. Data only: requests, contexts and the
expected Authorization headers, with attribution in the output.

    python3 Tests/Fixtures/aws/import-aws-signing-test-suite.py /path/to/aws-c-auth [COMMIT] > Tests/Fixtures/aws/aws-signing-test-suite.json
"""

import hashlib
import json
import os
import subprocess
import sys

SKIP = {
    "get-header-key-duplicate": "repeats a header name; our API takes a [String: String]",
    "get-header-value-order": "repeats a header name; our API takes a [String: String]",
    "get-space-normalized": "raw space in the path; a URL carries it escaped, which botocore (and we) encode again",
    "get-utf8": "raw non-ASCII path; a URL carries it escaped, which botocore (and we) encode again",
    "post-sts-header-after": "session token added after signing (omit_session_token), a CRT-only mode",
}


def parse_request(text):
    head, _, body = text.partition("\n\n")
    lines = head.split("\n")
    method, rest = lines[0].split(" ", 1)
    target = rest.rsplit(" ", 1)[0]
    headers = []
    for line in lines[1:]:
        if not line:
            continue
        if line[:1] in (" ", "\t") and headers:
            # An obs-fold continuation line belongs to the previous header's value.
            headers[-1][1] += "\n" + line
        else:
            name, _, value = line.partition(":")
            headers.append([name, value])
    return method, target, headers, body


def main(root):
    suite = os.path.join(root, "tests", "aws-signing-test-suite", "v4")
    commit = sys.argv[2] if len(sys.argv) > 2 else subprocess.run(
        ["git", "-C", root, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    cases, skipped = [], []
    for name in sorted(os.listdir(suite)):
        folder = os.path.join(suite, name)
        read = lambda file: open(os.path.join(folder, file), encoding="utf-8").read()
        context = json.loads(read("context.json"))
        if name in SKIP:
            skipped.append({"name": name, "reason": SKIP[name]})
            continue
        if not context.get("normalize", True):
            skipped.append({"name": name, "reason": "unnormalized path (S3 style); botocore and we always normalize"})
            continue
        method, target, header_pairs, body = parse_request(read("request.txt"))
        headers = {name_: value for name_, value in header_pairs}
        host = headers.get("Host") or headers.get("host")
        if context.get("sign_body"):
            # The suite's sign_body adds x-amz-content-sha256; giving that header makes botocore (and us) sign it.
            headers["x-amz-content-sha256"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
        signed = read("header-signed-request.txt")
        authorization = next(line for line in signed.split("\n") if line.startswith("Authorization:"))
        cases.append({
            "name": name,
            "method": method,
            "url": "https://" + host + target,
            "headers": headers,
            "body": body,
            "access_key_id": context["credentials"]["access_key_id"],
            "secret_access_key": context["credentials"]["secret_access_key"],
            "session_token": context["credentials"].get("token"),
            "region": context["region"],
            "service": context["service"],
            "timestamp": context["timestamp"],
            "expected_authorization": authorization[len("Authorization:"):],
            "expected_canonical_request": read("header-canonical-request.txt"),
        })
    json.dump({
        "source": "https://github.com/awslabs/aws-c-auth/tree/" + commit + "/tests/aws-signing-test-suite/v4",
        "license": "Apache License 2.0 (Copyright Amazon.com, Inc. or its affiliates); cases converted to JSON, "
                   "requests and expected signatures unchanged",
        "cases": cases,
        "skipped": skipped,
    }, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
