"""Every file-system path the workbook uses comes from :func:`home_dir` and its helpers.

The home folder is, in order: the ``--home`` option, the ``MENTOR_WORKBOOK_HOME`` environment
variable, or the platform's user data folder. Nothing is computed at import time.
"""

from __future__ import annotations

import importlib.util
import os
import re
import stat
from pathlib import Path

HOME_ENV_VAR = "MENTOR_WORKBOOK_HOME"
APP_NAME = "mentor-workbook"

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a slug is: lower-case letters and digits in runs joined by single hyphens."""
SLUG_MAX = 80
"""The longest slug accepted as a file name."""

_home_override: Path | None = None


def set_home_override(path: Path | str | None) -> None:
    """Make ``path`` the home folder for this process (the ``--home`` option); None clears it."""
    global _home_override
    _home_override = Path(path).expanduser() if path is not None else None


def home_dir() -> Path:
    """The folder that holds relationships, user packs and settings (not created here)."""
    if _home_override is not None:
        return _home_override
    from_env = os.environ.get(HOME_ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def relationships_dir() -> Path:
    """The folder of relationship files: ``<home>/relationships``."""
    return home_dir() / "relationships"


def relationship_path(slug: str) -> Path:
    """The file of the relationship called ``slug``: ``<home>/relationships/<slug>.json``."""
    return relationships_dir() / f"{slug}.json"


def is_slug(text: str) -> bool:
    """True when ``text`` is a valid slug (safe as a file name: no dots, slashes or spaces)."""
    return len(text) <= SLUG_MAX and SLUG_PATTERN.fullmatch(text) is not None


def archive_dir() -> Path:
    """The folder archived relationships are moved to: ``<home>/archive``."""
    return home_dir() / "archive"


def user_packs_dir() -> Path:
    """The folder where a user's own content packs live: ``<home>/packs``."""
    return home_dir() / "packs"


def settings_path() -> Path:
    """The small settings file (theme and similar): ``<home>/settings.json``."""
    return home_dir() / "settings.json"


def sync_links_dir() -> Path:
    """Which relationships this machine keeps in step through which folder, and what it last
    merged from each (see :mod:`workbook.sync.links`): ``<home>/sync``."""
    return home_dir() / "sync"


def cache_dir() -> Path:
    """Things that can be rebuilt at any time (parsed packs): ``<home>/cache``."""
    return home_dir() / "cache"


def bundled_content_dir() -> Path:
    """The content packs shipped with the program (the ``content`` package's folder, found
    without importing it)."""
    spec = importlib.util.find_spec("content")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the bundled content packs are missing: reinstall")
    return Path(next(iter(spec.submodule_search_locations)))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` if needed and make it reachable by its owner only: 0700 when created,
    and so is every missing folder above it that this creates (the home folder, ``cache/``),
    whatever the umask. An existing folder loses its group and other bits but keeps the
    owner's, so a folder someone made read-only stays read-only; existing folders above it
    are left as they are."""
    existed = path.is_dir()
    missing: list[Path] = []
    folder = path
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # (made meanwhile by another process: its mode is its maker's)
        try:
            os.chmod(folder, 0o700)  # (``mkdir``'s mode is masked by the umask)
        except OSError:
            pass
    if existed:
        try:
            os.chmod(path, stat.S_IMODE(path.stat().st_mode) & 0o700)
        except OSError:
            pass
    return path
