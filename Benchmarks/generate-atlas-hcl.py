#!/usr/bin/env python3
"""Generate a large, realistic atlas.hcl-like file for benchmarks, deterministically.

    python3 Benchmarks/generate-atlas-hcl.py [SIZE] [-o FILE] [--seed N]

SIZE is a byte count, optionally with a suffix: 1048576, 512KiB, 1MiB, 2MB (default 1MiB). The output is the
smallest sequence of whole "units" whose size is at least SIZE. A unit is a slice of an Atlas project: variables,
locals with for expressions and conditionals, data sources (aws_rds_token, external_schema, runtimevar,
template_dir, remote_dir), env blocks with nested migration/lint/diff/format blocks, heredocs, all three comment
styles and string interpolations. The text is laid out the way hclwrite formats it (aligned `=`), so
`mercator fmt --check` and `hcl-oracle fmt` have nothing to change and measure a pass over a clean file.

Same arguments, same bytes: the only randomness comes from random.Random(seed).
"""
import argparse
import random
import re
import sys

REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"]
DRIVERS = [("postgres", 5432), ("mysql", 3306), ("maria", 3306)]
WORDS = ["orders", "billing", "users", "catalog", "inventory", "audit", "search", "payments", "shipping", "ledger"]


def parse_size(text):
    m = re.fullmatch(r"\s*(\d+)\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)\s*", text, re.IGNORECASE)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 1048576, 512KiB, 1MiB)")
    n, unit = int(m.group(1)), m.group(2).lower()
    scale = {"": 1, "b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1 << 20, "mb": 10**6, "mib": 1 << 20,
             "g": 1 << 30, "gb": 10**9, "gib": 1 << 30}[unit]
    return n * scale


class Body:
    """Collects the items of one block body and prints them the way hclwrite aligns them: consecutive one-line
    attributes (and heredoc attributes) share one `=` column; comments, nested blocks and multi-line values
    end the group."""

    def __init__(self):
        self.items = []

    def attr(self, key, value):
        self.items.append(("attr", key, value))
        return self

    def heredoc(self, key, marker, lines, indent_marker=True):
        self.items.append(("heredoc", key, marker, lines, indent_marker))
        return self

    def multiline(self, key, opening, lines, closing):
        self.items.append(("multi", key, opening, lines, closing))
        return self

    def block(self, header, body):
        self.items.append(("block", header, body))
        return self

    def comment(self, text):
        self.items.append(("comment", text))
        return self

    def blank(self):
        self.items.append(("blank",))
        return self

    def render(self, depth, out):
        pad = "  " * depth
        group = []

        def flush():
            if not group:
                return
            width = max(len(item[1]) for item in group)
            for item in group:
                key = item[1].ljust(width)
                if item[0] == "attr":
                    out.append(f"{pad}{key} = {item[2]}\n")
                else:
                    _, _, marker, lines, indent_marker = item
                    out.append(f"{pad}{key} = <<{'-' if indent_marker else ''}{marker}\n")
                    inner = pad + "  " if indent_marker else ""
                    for line in lines:
                        out.append(f"{inner}{line}\n" if line else "\n")
                    out.append(f"{inner}{marker}\n")
            group.clear()

        for item in self.items:
            kind = item[0]
            if kind in ("attr", "heredoc"):
                group.append(item)
                continue
            flush()
            if kind == "multi":
                _, key, opening, lines, closing = item
                out.append(f"{pad}{key} = {opening}\n")
                for line in lines:
                    out.append(f"{pad}  {line}\n")
                out.append(f"{pad}{closing}\n")
            elif kind == "block":
                _, header, body = item
                if not body.items:
                    out.append(f"{pad}{header} {{}}\n")
                    continue
                out.append(f"{pad}{header} {{\n")
                body.render(depth + 1, out)
                out.append(f"{pad}}}\n")
            elif kind == "comment":
                out.append(f"{pad}{item[1]}\n")
            elif kind == "blank":
                out.append("\n")
        flush()


def q(s):
    return '"' + s + '"'


def unit(i, rng):
    """One slice of a project, numbered i. Returns text."""
    word = WORDS[i % len(WORDS)]
    name = f"{word}_{i}"
    region = REGIONS[rng.randrange(len(REGIONS))]
    driver, port = DRIVERS[i % len(DRIVERS)]
    host = f"{word}-{i}.cluster-{rng.randrange(16**8):08x}.{region}.rds.amazonaws.com"
    out = []

    out.append(f"// ---- {name}: generated slice {i} ----\n")
    Body().block(f"variable {q(name + '_profile')}", Body()
                 .attr("type", "string")
                 .attr("default", q(f"{word}-profile"))
                 .attr("description", q(f"AWS profile for {word} #{i}"))).render(0, out)
    out.append("\n")
    Body().block(f"variable {q(name + '_tenants')}", Body()
                 .attr("type", "list(string)")
                 .attr("default", "[" + ", ".join(q(f"t{i}_{k}") for k in range(1 + i % 4)) + "]")).render(0, out)
    out.append("\n")

    locals_body = (Body()
                   .attr(f"{name}_host", q(host))
                   .attr(f"{name}_port", str(port))
                   .attr(f"{name}_user", q(f"svc_{word}"))
                   .attr(f"{name}_tenants", f"[for t in var.{name}_tenants : lower(trimspace(t))]")
                   .attr(f"{name}_by_id", f"{{ for idx, t in var.{name}_tenants : t => idx if t != \"\" }}")
                   .attr(f"{name}_replicas", f"{i % 3} > 1 ? {i % 5 + 1} : 1")
                   .attr(f"{name}_dev", q(f"docker://{driver}/{8 + i % 8}/dev"))
                   .comment("# search path and options")
                   .attr(f"{name}_opts", q(f"sslmode=require&search_path=${{var.{name}_tenants[0]}}&application_name={word}"))
                   .attr(f"{name}_schemas", "concat([\"public\"], " + f"local.{name}_tenants)"))
    Body().block("locals", locals_body).render(0, out)
    out.append("\n")

    Body().block(f"data \"aws_rds_token\" {q(name)}", Body()
                 .attr("endpoint", q(f"${{local.{name}_host}}:${{local.{name}_port}}"))
                 .attr("region", q(region))
                 .attr("username", f"local.{name}_user")
                 .attr("profile", f"var.{name}_profile")).render(0, out)
    out.append("\n")

    kind = i % 3
    if kind == 0:
        Body().block(f"data \"external_schema\" {q(name)}", Body()
                     .multiline("program", "[", [q("go") + ",", q("run") + ",", q("-mod=mod") + ",",
                                                 q(f"./cmd/loader/{word}") + ","], "]")).render(0, out)
    elif kind == 1:
        Body().block(f"data \"runtimevar\" {q(name)}", Body()
                     .attr("url", q(f"awssecretsmanager://{word}-{i}?region={region}"))).render(0, out)
    else:
        Body().block(f"data \"template_dir\" {q(name)}", Body()
                     .attr("path", q(f"migrations/{word}"))
                     .attr("vars", inline_object({"tenant": f"var.{name}_tenants[0]", "index": str(i)}))).render(0, out)
    out.append("\n")

    out.append("/*\n")
    out.append(f" * Environment {name}: connects with an IAM token from data.aws_rds_token.{name}.\n")
    out.append(" * The token holds '/', '?' and '=', so it must go through urlescape().\n")
    out.append(" */\n")
    url = (f"{driver}://${{local.{name}_user}}:${{urlescape(data.aws_rds_token.{name})}}"
           f"@${{local.{name}_host}}:${{local.{name}_port}}/{word}?${{local.{name}_opts}}")
    migration = (Body()
                 .attr("dir", q(f"file://migrations/{word}"))
                 .attr("format", ["atlas", "golang-migrate", "goose", "flyway"][i % 4])
                 .attr("exec_order", ["LINEAR", "LINEAR_SKIP", "NON_LINEAR"][i % 3])
                 .attr("lock_timeout", q(f"{10 + i % 50}s"))
                 .attr("revisions_schema", q("atlas_schema_revisions")))
    lint = (Body()
            .attr("latest", str(1 + i % 3))
            .heredoc("format", "EOT", [
                "{{- range $f := .Files }}",
                f"  {word} #{i}: {{{{ $f.Name }}}}",
                "  {{- range $r := $f.Reports }}",
                "    {{ $r.Text }}",
                "  {{- end }}",
                "{{- end }}",
            ])
            .block("destructive", Body().attr("error", "true"))
            .block("data_depend", Body().attr("error", "false" if i % 2 else "true"))
            .block("incompatible", Body().attr("error", "true")))
    diff = Body().block("skip", Body()
                        .attr("drop_schema", "true")
                        .attr("drop_table", "true" if i % 2 else "false")
                        .attr("modify_column", "false"))
    fmt = Body().block("migrate", Body().attr("diff", q("{{ sql . \\\"  \\\" }}")))
    env = (Body()
           .attr("url", q(url))
           .attr("dev", f"local.{name}_dev")
           .attr("src", q(f"file://schema/{word}.hcl") if kind else f"data.external_schema.{name}.url")
           .attr("schemas", f"local.{name}_schemas")
           .attr("exclude", "[" + ", ".join(q(f"{s}.*") for s in ("atlas_*", f"tmp_{i}")) + "]")
           .attr("replicas", f"local.{name}_replicas")
           .block("migration", migration)
           .block("lint", lint)
           .block("diff", diff)
           .block("format", fmt))
    Body().block(f"env {q(name)}", env).render(0, out)
    out.append("\n")

    # A for_each env, as multi-tenant projects write it.
    each = (Body()
            .attr("for_each", f"toset(local.{name}_tenants)")
            .attr("url", q(f"{driver}://${{local.{name}_user}}:${{urlescape(data.aws_rds_token.{name})}}"
                           f"@${{local.{name}_host}}:${{local.{name}_port}}/${{each.value}}?sslmode=require"))
            .attr("src", q(f"file://schema/{word}"))
            .attr("tenant", "each.value")
            .attr("desc", q(f"%{{if each.key == \"t{i}_0\"}}primary%{{else}}secondary%{{endif}} tenant ${{each.key}}"))
            .block("migration", Body().attr("dir", q(f"file://migrations/{word}/tenants"))))
    Body().block(f"env {q(name + '_tenant')}", each).render(0, out)
    out.append("\n")
    return "".join(out)


def inline_object(pairs):
    return "{ " + ", ".join(f"{k} = {v}" for k, v in pairs.items()) + " }"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=parse_size, default=1 << 20, help="target size (default 1MiB)")
    parser.add_argument("-o", "--output", help="output file (default: stdout)")
    parser.add_argument("--seed", type=int, default=20261125, help="random seed (default 20261125)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    chunks = ["# Generated by Benchmarks/generate-atlas-hcl.py: an Atlas project file for benchmarks.\n\n"]
    size = len(chunks[0])
    i = 0
    while size < args.size:
        text = unit(i, rng)
        chunks.append(text)
        size += len(text.encode())
        i += 1
    data = "".join(chunks).encode()
    if args.output:
        with open(args.output, "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)
    lines = data.count(b"\n")
    print(f"generated {len(data)} bytes, {lines} lines, {i} slices", file=sys.stderr)


if __name__ == "__main__":
    main()
