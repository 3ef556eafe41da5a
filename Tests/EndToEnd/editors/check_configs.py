"""Checks the shipped editor configurations in editors/ that no headless editor here can run: JSON and TOML parse,
the files they name exist, and the VS Code extension declares every setting the server reads.

Prints `PASS name` / `FAIL name: why` per check; exits 1 on any failure. Needs Python 3.11+ (tomllib).
Usage: python3 check_configs.py [REPO]
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tomllib

repo = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[3])
editors = repo / "editors"
failed = False


def check(name):
    def run(fn):
        global failed
        try:
            fn()
            print(f"PASS {name}")
        except Exception as error:  # any failure, assertion or parse error, is reported the same way
            failed = True
            print(f"FAIL {name}: {type(error).__name__}: {error}".replace("\n", " | "))
        return fn
    return run


def load_json(path):
    return json.loads((editors / path).read_text(encoding="utf-8"))


def load_toml(path):
    return tomllib.loads((editors / path).read_text(encoding="utf-8"))


def server_settings():
    """The settings the server reads: the `mercator.…` names its ServerSettings doc comments start with."""
    source = (repo / "Sources/LanguageServer/Handlers/Configuration.swift").read_text(encoding="utf-8")
    names = re.findall(r"^\s*///\s*`(mercator\.[A-Za-z0-9_.]+)`", source, re.MULTILINE)
    assert names, "no `mercator.…` setting documented in Configuration.swift"
    return names


@check("editors json")
def _():
    for path in ["vscode/package.json", "vscode/language-configuration.json", "sublime/LSP.sublime-settings",
                 "zed/settings.json"]:
        load_json(path)


@check("editors toml")
def _():
    for path in ["helix/languages.toml", "zed/extension.toml", "zed/Cargo.toml"]:
        load_toml(path)


@check("editors helix")
def _():
    config = load_toml("helix/languages.toml")
    server = config["language-server"]["mercator"]
    assert server["command"] == "mercator" and server["args"] == ["serve", "--stdio"], server
    atlas = next(lang for lang in config["language"] if lang["name"] == "atlas-hcl")
    globs = [t["glob"] for t in atlas["file-types"] if isinstance(t, dict)]
    assert "atlas.hcl" in globs and "*.atlas.hcl" in globs, globs
    assert atlas["language-servers"] == ["mercator"], atlas["language-servers"]


@check("editors vscode")
def _():
    manifest = load_json("vscode/package.json")
    assert (editors / "vscode" / manifest["main"]).is_file(), manifest["main"]
    language = next(lang for lang in manifest["contributes"]["languages"] if lang["id"] == "atlas-hcl")
    assert "atlas.hcl" in language["filenames"] and "*.atlas.hcl" in language["filenamePatterns"], language
    assert (editors / "vscode" / language["configuration"]).is_file(), language["configuration"]
    assert "vscode-languageclient" in manifest["dependencies"], manifest["dependencies"]
    declared = manifest["contributes"]["configuration"]["properties"]
    missing = [name for name in server_settings() if name not in declared]
    assert not missing, f"settings the server reads but package.json does not declare: {missing}"
    if shutil.which("node"):  # syntax only: vscode-languageclient is not installed here
        subprocess.run(["node", "--check", str(editors / "vscode" / manifest["main"])], check=True,
                       capture_output=True, text=True)


@check("editors sublime")
def _():
    client = load_json("sublime/LSP.sublime-settings")["clients"]["mercator"]
    assert client["command"] == ["mercator", "serve", "--stdio"] and "source.hcl" in client["selector"], client


@check("editors zed")
def _():
    extension = load_toml("zed/extension.toml")
    assert "HCL" in extension["language_servers"]["mercator"]["languages"], extension
    settings = load_json("zed/settings.json")
    assert "atlas.hcl" in settings["file_types"]["HCL"], settings["file_types"]
    assert "zed_extension_api" in load_toml("zed/Cargo.toml")["dependencies"]


if shutil.which("emacs"):
    @check("editors emacs byte-compile")
    def _():
        # Compiled in a scratch copy so no .elc is left in editors/; warnings are errors.
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            copy = pathlib.Path(tmp) / "atlas-hcl.el"
            shutil.copy(editors / "emacs/atlas-hcl.el", copy)
            result = subprocess.run(["emacs", "--batch", "--eval", "(setq byte-compile-error-on-warn t)",
                                     "-f", "batch-byte-compile", str(copy)], capture_output=True, text=True,
                                    timeout=120)
            assert result.returncode == 0, result.stderr.strip()[-800:]

sys.exit(1 if failed else 0)
