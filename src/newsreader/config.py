"""The reader's settings, from a TOML file in the config folder (``newsreader.paths.config_path``).

Every setting has a default, so a missing file is the same as an empty one::

    author = "Dana Reyes"      # signs notes; default: the login name
    theme = "textual-dark"     # a Textual theme name
    workers = 1                # threads for alignment (-1: all cores)

    [keys]                     # the reader's key bindings: action = key
    next_unique = "u"

A file that is not valid TOML, or a setting of the wrong type, is a one-line error naming the
file; unknown keys are ignored (a newer newsreader may have written them).
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsreader.errors import NewsreaderError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_THEME = "textual-dark"
FALLBACK_AUTHOR = "reader"


@dataclass(frozen=True, slots=True)
class Settings:
    author: str = FALLBACK_AUTHOR
    theme: str = DEFAULT_THEME
    workers: int = 1
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def default_author() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return FALLBACK_AUTHOR
    return name or FALLBACK_AUTHOR


def config_file(path: str | Path | None = None) -> Path:
    """``path``, or the config file from ``newsreader.paths`` when it is None."""
    if path is None:
        from newsreader.paths import config_path

        return config_path()
    return Path(path)


def read_config(path: Path) -> dict[str, Any]:
    """The parsed TOML file at ``path``; {} when it does not exist.

    Shared by every reader of the file (these settings, the feed settings), so a bad file gives
    the same one-line error wherever it is read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise NewsreaderError(f"cannot read settings {path}: {error.strerror}") from error
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise NewsreaderError(f"{path}: not valid TOML ({error})") from error


def load_settings(path: str | Path | None = None) -> Settings:
    """The settings in ``path`` (default: the config file), defaults for what is missing."""
    path = config_file(path)
    settings = Settings(author=default_author())
    data = read_config(path)
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            continue
        if key == "keys":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise NewsreaderError(f'{path}: [keys] must map actions to keys ("u")')
            values[key] = MappingProxyType(dict(sorted(value.items())))
            continue
        expected = type(getattr(settings, key))
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            kind = "a whole number" if expected is int else "text"
            raise NewsreaderError(f"{path}: {key} must be {kind}")
        values[key] = value.strip() if isinstance(value, str) else value
    if "author" in values and not values["author"]:
        del values["author"]
    return replace(settings, **values)
