#!/usr/bin/env python3
"""The GitHub Action (action.yml), run here without GitHub.

Checks the action's shape (a composite action; every `run:` step has a shell; the inputs, step ids
and outputs that expressions name exist), then runs its steps the way a runner does: expressions
`${{ ... }}` evaluated, `if:` conditions honoured, each `run:` in `bash --noprofile --norc -eo
pipefail`, GITHUB_OUTPUT / GITHUB_PATH / GITHUB_ACTION_PATH / RUNNER_TEMP / GITHUB_WORKSPACE laid
out, a failing step skipping the rest. `uses:` steps are stood in for: actions/cache misses (or
hits, in the scenario that tests it), and upload-sarif is asserted to be given a valid SARIF 2.1.0
log with results and the category. The workspace is a temporary repository holding the bundled
example; the source install builds with `cargo install --path crates/pulint --locked` into the
runner's temp directory, sharing this checkout's target/ so that it compiles nothing after
`cargo build --release`.

    python3 scripts/test_action.py

What it cannot show: GitHub's own runner, the real cache service and the code scanning upload.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STARTED = time.monotonic()

try:
    import yaml
except ImportError:  # PyYAML from PyPI into a cached venv, then run again with it.
    venv = Path(os.environ.get("PULINT_ACTION_VENV", "/tmp/pulint-action-venv"))
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "PyYAML==6.0.3"], check=True)
    os.execv(str(venv / "bin" / "python"), [str(venv / "bin" / "python"), *sys.argv])


def log(msg: str) -> None:
    print(f"test_action: {msg} ({time.monotonic() - STARTED:.0f}s)", flush=True)


class Failure(Exception):
    pass


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise Failure(msg)


# --- expressions -----------------------------------------------------------------------------

TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<name>[A-Za-z_][\w.-]*(?:\(\))?))")


def evaluate(expr: str, ctx: dict) -> object:
    """A GitHub expression of the subset the action uses: context paths, string literals, ==,
    !=, &&, ||, !, parentheses, true/false, always()/success()/failure()."""
    out = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise Failure(f"cannot read the expression `{expr}` at {expr[pos:]!r}")
        pos = m.end()
        if m["str"]:
            out.append(repr(m["str"][1:-1].replace("''", "'")))
        elif m["op"]:
            out.append({"&&": " and ", "||": " or ", "!": " not ", "==": "==", "!=": "!="}.get(m["op"], m["op"]))
        else:
            name = m["name"]
            if name in ("true", "false"):
                out.append(str(name == "true"))
            elif name in ("always()", "success()", "failure()", "cancelled()"):
                out.append(repr({"always()": True, "success()": not ctx["failed"], "failure()": ctx["failed"], "cancelled()": False}[name]))
            else:
                out.append(repr(lookup(name, ctx)))
    return eval("".join(out), {"__builtins__": {}}, {})  # noqa: S307 — tokens above are literals and operators only


def lookup(path: str, ctx: dict) -> str:
    parts = path.split(".")
    if parts[0] == "inputs":
        check(parts[1] in ctx["declared_inputs"], f"expression names undeclared input `{parts[1]}`")
        return ctx["inputs"][parts[1]]
    if parts[0] == "steps":
        check(parts[1] in ctx["step_ids"], f"expression names unknown step `{parts[1]}`")
        check(len(parts) == 4 and parts[2] == "outputs", f"unsupported `{path}`")
        return ctx["steps"].get(parts[1], {}).get(parts[3], "")
    if path in ctx["plain"]:
        return ctx["plain"][path]
    raise Failure(f"unknown context `{path}`")


def substitute(text: str, ctx: dict) -> str:
    def one(m: re.Match) -> str:
        v = evaluate(m.group(1), ctx)
        return ("true" if v else "false") if isinstance(v, bool) else str(v)

    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def condition(cond: object, ctx: dict) -> bool:
    if cond is None:
        return not ctx["failed"]
    text = str(cond).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
    text = m.group(1) if m else text
    uses_status = re.search(r"\b(always|success|failure|cancelled)\(\)", text)
    v = evaluate(text, ctx)
    return bool(v) if uses_status else (not ctx["failed"] and bool(v))


# --- the action's shape ----------------------------------------------------------------------


def load_action() -> dict:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    for key in ("name", "description", "inputs", "outputs", "runs"):
        check(key in action, f"action.yml has no `{key}`")
    check(action["runs"].get("using") == "composite", "runs.using is not composite")
    steps = action["runs"]["steps"]
    ids = set()
    for i, step in enumerate(steps):
        check(("run" in step) != ("uses" in step), f"step {i} needs exactly one of run/uses")
        if "run" in step:
            check(step.get("shell") == "bash", f"run step {step.get('name', i)} has no `shell: bash` (required in composite actions)")
        if "uses" in step:
            check(re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+", step["uses"]) is not None, f"bad uses: {step['uses']}")
        if "id" in step:
            check(step["id"] not in ids, f"duplicate step id {step['id']}")
            ids.add(step["id"])
    text = (REPO / "action.yml").read_text()
    for name in re.findall(r"inputs\.([\w-]+)", text):
        check(name in action["inputs"], f"action.yml names undeclared input `{name}`")
    for name in re.findall(r"steps\.([\w-]+)\.outputs", text):
        check(name in ids, f"action.yml names unknown step `{name}`")
    for name, out in action["outputs"].items():
        check("value" in out, f"output {name} has no value (composite outputs need one)")
    for name, spec in action["inputs"].items():
        check("description" in spec, f"input {name} has no description")
        check(isinstance(spec.get("default", ""), str), f"input {name}: default must be a string")
    return action


# --- running it ------------------------------------------------------------------------------


def run_action(action: dict, inputs: dict, workspace: Path, runner_temp: Path, cache_hit: bool = False, extra_env: dict | None = None, on_path: Path | None = None) -> dict:
    """Runs the action's steps; returns {failed, outputs, log, uploads, cache, failed_step}.
    `on_path`: a directory on the runner's PATH before the action starts (a step before it
    installed pulint there)."""
    declared = action["inputs"]
    for k in inputs:
        check(k in declared, f"scenario passes undeclared input {k}")
    values = {k: inputs.get(k, spec.get("default", "")) for k, spec in declared.items()}
    steps_out: dict = {}
    ctx = {
        "declared_inputs": declared,
        "inputs": values,
        "steps": steps_out,
        "step_ids": {s["id"] for s in action["runs"]["steps"] if "id" in s},
        "failed": False,
        "plain": {
            "github.action_path": str(REPO),
            "github.workspace": str(workspace),
            "runner.os": "Linux",
            "runner.arch": "X64",
            "runner.temp": str(runner_temp),
        },
    }
    github_path = runner_temp / "_github_path"
    github_path.write_text("")
    # The runner's PATH, without any pulint: the action must install or be told where it is.
    base_path = ":".join(without_pulint(Path(p), runner_temp) for p in os.environ["PATH"].split(":") if p)
    if on_path is not None:
        base_path = f"{on_path}:{base_path}"
    result = {"log": "", "uploads": [], "failed_step": None, "cache": []}
    for i, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {i}")
        if not condition(step.get("if"), ctx):
            result["log"] += f"--- {name}: skipped\n"
            continue
        outputs: dict = {}
        if "uses" in step:
            with_ = {k: substitute(str(v), ctx) for k, v in (step.get("with") or {}).items()}
            if step["uses"].startswith("actions/cache@"):
                result["cache"].append(with_)
                check(with_["path"] and with_["key"], f"cache step without path or key: {with_}")
                outputs["cache-hit"] = "true" if cache_hit else ""
            elif step["uses"].startswith("github/codeql-action/upload-sarif@"):
                result["uploads"].append(with_)
            else:
                raise Failure(f"no stand-in for {step['uses']}")
            result["log"] += f"--- {name}: {step['uses']} with {with_}\n"
        else:
            out_file = runner_temp / f"_output_{i}"
            out_file.write_text("")
            script = runner_temp / f"_step_{i}.sh"
            script.write_text(substitute(step["run"], ctx))
            extra_paths = [p for p in github_path.read_text().splitlines() if p]
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")},
                **(extra_env or {}),
                "PATH": ":".join([*reversed(extra_paths), base_path]),
                "GITHUB_ACTIONS": "true",
                "GITHUB_ACTION_PATH": str(REPO),
                "GITHUB_WORKSPACE": str(workspace),
                "GITHUB_OUTPUT": str(out_file),
                "GITHUB_PATH": str(github_path),
                "RUNNER_TEMP": str(runner_temp),
                **{k: substitute(str(v), ctx) for k, v in (step.get("env") or {}).items()},
            }
            cwd = substitute(step.get("working-directory", "${{ github.workspace }}"), ctx)
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=env, capture_output=True, text=True)
            result["log"] += f"--- {name}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
            for line in out_file.read_text().splitlines():
                k, _, v = line.partition("=")
                outputs[k] = v
            if proc.returncode != 0:
                ctx["failed"] = True
                result["failed_step"] = name
        if "id" in step:
            steps_out[step["id"]] = outputs
    result["failed"] = ctx["failed"]
    result["outputs"] = {k: substitute(str(v["value"]), ctx) for k, v in action["outputs"].items()}
    return result


def without_pulint(directory: Path, scratch: Path) -> str:
    """`directory`, or when it holds a `pulint`, a stand-in of links to everything else in it
    (~/.cargo/bin may hold both cargo and an installed pulint)."""
    if not (directory / "pulint").exists():
        return str(directory)
    stand_in = scratch / ("_path_" + str(directory).strip("/").replace("/", "_"))
    if not stand_in.exists():
        stand_in.mkdir()
        for entry in directory.iterdir():
            if entry.name != "pulint":
                (stand_in / entry.name).symlink_to(entry)
    return str(stand_in)


def valid_sarif(path: Path, expect_results: bool) -> int:
    data = json.loads(path.read_text())
    check(data.get("version") == "2.1.0", f"SARIF version {data.get('version')}")
    check(isinstance(data.get("runs"), list) and len(data["runs"]) == 1, "SARIF runs")
    run = data["runs"][0]
    check(run["tool"]["driver"]["name"] == "pulint" and run["tool"]["driver"]["rules"], "SARIF tool.driver")
    results = run.get("results", [])
    check(bool(results) == expect_results, f"SARIF results: {len(results)}")
    for r in results:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        check(not uri.startswith("/"), f"absolute SARIF uri {uri}: code scanning wants paths relative to the repository")
    return len(results)


def main() -> int:
    action = load_action()
    log(f"action.yml: composite, {len(action['inputs'])} inputs, {len(action['runs']['steps'])} steps, outputs {sorted(action['outputs'])}")
    work = Path(tempfile.mkdtemp(prefix="pulint-action-test."))
    passed = 0
    try:
        workspace = work / "workspace"
        shutil.copytree(REPO / "examples" / "multi-region", workspace / "infra")
        clean = workspace / "clean"
        clean.mkdir()
        (clean / "Pulumi.yaml").write_text("name: clean\nruntime: python\n")
        (clean / "__main__.py").write_text('import pulumi\nimport pulumi_aws as aws\n\ntopic = aws.sns.Topic("alerts")\npulumi.export("topic_arn", topic.arn)\n')
        runner_temp = work / "runner-temp"
        runner_temp.mkdir()
        # cargo install shares this checkout's target directory: the same profile and features as
        # `cargo build --release`, so nothing is compiled after it.
        cargo_env = {"CARGO_TARGET_DIR": os.environ.get("CARGO_TARGET_DIR") or str(REPO / "target")}

        def scenario(title: str, inputs: dict, **kw) -> dict:
            log(title)
            r = run_action(action, inputs, workspace, runner_temp, extra_env=cargo_env, **kw)
            r["title"] = title
            return r

        def done(r: dict) -> None:
            nonlocal passed
            passed += 1
            log(f"ok: {r['title']}: failed={r['failed']} outputs={r['outputs']}")

        def expect(r: dict, cond: bool, msg: str) -> None:
            if not cond:
                print(r["log"], file=sys.stderr)
                raise Failure(f"{r['title']}: {msg}")

        # 1. Defaults (source install, SARIF upload, fail on findings) on the example project.
        r = scenario("install from source, findings fail the step", {"paths": "infra"})
        root = Path(r["cache"][0]["path"]) if r["cache"] else None
        expect(r, root is not None and (root / "bin" / "pulint").is_file(), "cargo install put no binary in the cache path")
        expect(r, f"pulint {version()}" in r["log"], "the installed pulint did not run")
        expect(r, r["outputs"]["exit-code"] == "1", f"exit-code {r['outputs']['exit-code']}")
        expect(r, r["failed"] and r["failed_step"] == "Fail on findings", f"failed at {r['failed_step']}")
        expect(r, len(r["uploads"]) == 1, "no SARIF upload")
        up = r["uploads"][0]
        expect(r, up["category"] == "pulint", f"category {up['category']}")
        n = valid_sarif(workspace / up["sarif_file"], expect_results=True)
        expect(r, r["outputs"]["findings"] == str(n) and n > 0, f"findings {r['outputs']['findings']} vs {n} results")
        sarif = json.loads((workspace / up["sarif_file"]).read_text())
        uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in sarif["runs"][0]["results"]}
        expect(r, "infra/lib/network.py" in uris, f"URIs not relative to the repository: {uris}")
        done(r)

        # 2. The cache restored the binary: no build; findings reported without failing; annotations.
        r = scenario(
            "cache hit, fail-on-findings off, annotations, custom file and category",
            {"paths": "infra", "fail-on-findings": "false", "annotations": "true", "sarif-file": "out/p.sarif", "category": "pulint-infra"},
            cache_hit=True,
        )
        expect(r, "cargo install" not in r["log"] and "Compiling" not in r["log"] and "Installing" not in r["log"], "built despite the cache hit")
        expect(r, not r["failed"], f"failed at {r['failed_step']}")
        expect(r, r["outputs"]["exit-code"] == "1" and r["outputs"]["sarif-file"] == "out/p.sarif", str(r["outputs"]))
        expect(r, "::error file=infra/" in r["log"], "no workflow annotations")
        expect(r, r["uploads"] and r["uploads"][0]["category"] == "pulint-infra" and r["uploads"][0]["sarif_file"] == "out/p.sarif", str(r["uploads"]))
        valid_sarif(workspace / "out" / "p.sarif", expect_results=True)
        done(r)

        # 3. A clean program; pulint from PATH; args passed through; paths split on new lines.
        installed = runner_temp / "path-bin"
        installed.mkdir()
        shutil.copy2(root / "bin" / "pulint", installed / "pulint")
        args = {"paths": "clean\n", "install": "path", "args": "--select SEC,OUT --fail-level warning"}
        r = scenario("install path without pulint on PATH", args)
        expect(r, r["failed"] and r["failed_step"] == "Run pulint" and "pulint is not installed" in r["log"], f"failed at {r['failed_step']}")
        done(r)
        r = scenario("install path, a program without findings, args", args, on_path=installed)
        expect(r, not r["failed"], f"failed at {r['failed_step']}")
        expect(r, r["outputs"]["exit-code"] == "0" and r["outputs"]["findings"] == "0", str(r["outputs"]))
        valid_sarif(workspace / "pulint.sarif", expect_results=False)
        expect(r, len(r["uploads"]) == 1, "a clean run uploads too (it closes fixed alerts)")
        done(r)

        # 4. A usage error: status 2 fails the action whatever fail-on-findings says; no upload.
        r = scenario("usage error", {"paths": "infra", "install": "path", "args": "--select NOPE999", "fail-on-findings": "false"}, on_path=installed)
        expect(r, r["failed"] and r["outputs"]["exit-code"] == "2", f"{r['outputs']} failed={r['failed']}")
        expect(r, not r["uploads"], "uploaded the SARIF of a failed run")
        expect(r, "selects no rule" in r["log"], "pulint's message missing")
        done(r)

        # 5. An unknown install method fails at once.
        r = scenario("unknown install method", {"install": "brew"})
        expect(r, r["failed"] and r["failed_step"] == "Install pulint" and "unknown install method" in r["log"], r["failed_step"] or "")
        done(r)
    except Failure as e:
        print(f"test_action: FAIL: {e}", file=sys.stderr)
        print(f"test_action: {passed} passed, 1 failed")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log("passed")
    print(f"test_action: {passed} passed, 0 failed")
    return 0


def version() -> str:
    import tomllib

    return tomllib.loads((REPO / "Cargo.toml").read_text())["workspace"]["package"]["version"]


if __name__ == "__main__":
    sys.exit(main())
