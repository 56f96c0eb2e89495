"""compose.yaml, checked without a Docker engine (none here: `docker` is only a client, without
the compose plugin): it is a valid Compose file as the `compose-spec` package reads it (Python
bindings of the Rust `compose_spec` parser, which follows the Compose Specification and rejects
unknown keys and wrong types), every command it gives the bot is one the CLI accepts, every
variable it sets is one the bot reads, and the README's "When one machine is not enough" says
what the file does."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from compose_spec import PyCompose
from psycopg.conninfo import conninfo_to_dict

from bot import cli
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
# Compose interpolation: "$$" is a literal "$"; "${NAME:-default}" / "${NAME-default}" / "$NAME"
INTERPOLATED = re.compile(r"\$\$|\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)")
# The shell's own defaults inside a command ("${OPTOUT_WORKERS:-2}")
SHELL_DEFAULT = re.compile(r"\$\{\w+:?-([^}]*)\}")


def _interpolate(value: Any) -> Any:
    """The file as Compose reads it with no variable set: each one's default, else empty."""
    if isinstance(value, str):
        return INTERPOLATED.sub(lambda m: "$" if m.group(0) == "$$" else m.group(2) or "", value)
    if isinstance(value, dict):
        return {k: _interpolate(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v) for v in value]
    return value


@pytest.fixture(scope="module")
def raw() -> str:
    return COMPOSE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def compose(raw: str) -> dict[str, Any]:
    return _interpolate(yaml.safe_load(raw))


def _bot_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in compose["services"].items()
        if "optout-bot" in json.dumps(service.get("command", ""))
    }


def _invocations(command: str | list[str]) -> list[list[str]]:
    """The argument lists the command runs `optout-bot` with (through `sh -c` too)."""
    words = shlex.split(command) if isinstance(command, str) else list(command)
    if words[:2] == ["sh", "-c"]:
        script = SHELL_DEFAULT.sub(lambda m: m.group(1), words[2])
        steps = [shlex.split(step) for step in re.split(r"&&|\|\||;", script)]
        return [args for step in steps for args in _invocations([w for w in step if w != "exec"])]
    return [words] if words and words[0] == "optout-bot" else []


def test_compose_yaml_is_valid_by_the_compose_specification(raw):
    assert PyCompose.from_yaml(raw).service_names() == ["db", "bot"]


@pytest.mark.parametrize(
    ("old", "new"),
    [("services:", "servics:"), ("restart:", "restrat:"), ("ports:", "ports: 5\n    x-ports:")],
)
def test_the_specification_check_catches_a_broken_file(raw, old, new):
    """The check above can fail: a misspelt key or a wrongly typed value is rejected."""
    assert old in raw
    with pytest.raises(ValueError):
        PyCompose.from_yaml(raw.replace(old, new, 1))


def test_every_bot_command_is_one_the_cli_accepts(compose):
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    services = _bot_services(compose)
    assert services, "compose.yaml runs the bot"
    for name, service in services.items():
        runs = _invocations(service["command"])
        assert runs, f"{name}: no optout-bot command found"
        for program, *args in runs:
            assert program in scripts, f"{name}: {program} is not a console script"
            parsed = cli._parser().parse_args(args)  # exits (status 2) on anything it rejects
            assert parsed.command in {"run", "webhook"}, f"{name}: {args} does not run the bot"


def test_every_variable_set_for_the_bot_is_one_it_reads(compose):
    read = {name.upper() for name in Settings.model_fields}
    for name, service in _bot_services(compose).items():
        environment = service.get("environment", {})
        assert set(environment) <= read, f"{name}: {sorted(set(environment) - read)}"
        port = str(environment.get("PORT", Settings.model_fields["port"].default))
        published = [str(p).rsplit(":", 1)[-1] for p in service.get("ports", [])]
        assert published == [port], f"{name} publishes {published}, listens on {port}"
        url = environment.get("OPTOUT_DATABASE_URL")
        if url:
            host = conninfo_to_dict(url).get("host")
            assert host in compose["services"], f"{name}: database host {host} is no service"
            assert host in service.get("depends_on", {}), f"{name} starts before {host}"


def test_the_readme_says_what_compose_yaml_does(raw):
    """Every variable compose.yaml leaves to the operator (`${NAME…}`) is named in the README
    section, and every variable that section tells the operator to set is read by the bot or
    by compose.yaml."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### When one machine is not enough", 1)[1].split("\n## ", 1)[0]
    said = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", section.split("`compose.yaml`", 1)[1]))
    knobs = {m.group(1) for m in INTERPOLATED.finditer(raw) if m.group(1) and m.group(0)[1] == "{"}
    knobs |= set(re.findall(r"\$\$\{(\w+)", raw))  # read by the shell inside the container
    assert knobs - said == set(), "compose.yaml reads these, the README does not say so"
    read = {name.upper() for name in Settings.model_fields}
    assert said - read - knobs == set(), "the README names these, nothing reads them"
    for name, default in re.findall(r"\$\{(\w+):-(\d+)\}", raw):
        assert f"`{name}`" in section and f"default {default}" in section
