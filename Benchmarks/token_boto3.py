#!/usr/bin/env python3
"""boto3's generate_db_auth_token in a loop on Benchmarks/Token/main.swift's inputs: tokens per second, in process.

    python token_boto3.py [--rounds N] [--tokens N]   # rates
    python token_boto3.py --print-at EPOCH           # the tokens at that instant, to compare with ours
"""

import argparse
import datetime
import statistics
import time
from unittest import mock

import boto3
import botocore.auth

SESSION_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/session+token=="


def client(token):
    return boto3.Session(
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        aws_session_token=token, region_name="us-east-1").client("rds")


plain, with_token = client(None), client(SESSION_TOKEN)
INPUTS = [
    (plain, "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "atlas", "us-east-1"),
    (with_token, "prod.cluster-c9akciq32abc.eu-west-1.rds.amazonaws.com", 3306, "user@x", "eu-west-1"),
    (with_token, "mydb.c9akciq32abc.rds.cn-north-1.amazonaws.com.cn", 5432, "üser", "cn-north-1"),
]

parser = argparse.ArgumentParser()
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--tokens", type=int, default=5000)
parser.add_argument("--print-at", type=float)
args = parser.parse_args()

if args.print_at is not None:
    moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=args.print_at)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=moment):
        for rds, host, port, user, region in INPUTS:
            print(rds.generate_db_auth_token(DBHostname=host, Port=port, DBUsername=user, Region=region))
    raise SystemExit(0)

wall_rates, cpu_rates = [], []
total = 0
for _ in range(args.rounds):
    start, cpu_start = time.perf_counter(), time.process_time()
    for index in range(args.tokens):
        rds, host, port, user, region = INPUTS[index % len(INPUTS)]
        total += len(rds.generate_db_auth_token(DBHostname=host, Port=port, DBUsername=user, Region=region))
    wall_rates.append(args.tokens / (time.perf_counter() - start))
    cpu_rates.append(args.tokens / max(time.process_time() - cpu_start, 1e-9))
wall_rates.sort()
wall, cpu = statistics.median(wall_rates), statistics.median(cpu_rates)
print(f"boto3 {boto3.__version__}: {int(wall)} tokens/s wall (min {int(wall_rates[0])}, max {int(wall_rates[-1])}), "
      f"{int(cpu)} per CPU second; {1e6 / wall:.2f} µs/token; {args.rounds} rounds of {args.tokens} [checksum {total}]")
