"""Where the files that are not code live: the icons and styles, and the sample listings.

An installed Lectern carries them inside the package (see pyproject.toml); a checkout
keeps them at the top of the repository, beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Lectern's {name} folder is missing from {_PACKAGE}")


def resources_dir() -> Path:
    """The folder of icons, style sheets and the desktop entry."""
    return _find("resources")


def seeds_dir() -> Path:
    """The folder of bundled sample listings."""
    return _find("seeds")


def sample_listings() -> list[Path]:
    """The bundled sample listing files, in a stable order."""
    return sorted(seeds_dir().glob("*.txt"))
