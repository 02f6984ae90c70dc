"""Atomic replacement of a built directory.

The public path (e.g. ``data/store``) is a symlink to a versioned directory. A build writes a new
versioned directory, then replaces the symlink in one ``rename``: readers see the old build or the
new one, never half of one, and a failed build leaves the old one untouched.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


def new_build_dir(target: Path) -> Path:
    """A fresh sibling directory of ``target`` to build into."""
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        # Sub-second digits keep names unique and in build order, even for two builds in one second.
        now = time.time_ns()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now // 10**9)) + f".{now % 10**9:09d}"
        path = target.parent / f".{target.name}-{stamp}-{os.getpid()}"
        if not path.exists():
            path.mkdir()
            return path


def swap_in(built: Path, target: Path, keep: int = 2) -> None:
    """Point ``target`` at ``built`` atomically and remove older builds beyond ``keep``."""
    if target.exists() and not target.is_symlink():
        # A plain directory from an older layout: move it aside so the symlink can take its place.
        target.rename(target.parent / f".{target.name}-legacy-{int(time.time())}")
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(built.name)
    os.replace(link, target)
    builds = sorted(p for p in target.parent.glob(f".{target.name}-*") if p.is_dir() and p != built)
    for old in builds[:-keep] if keep else builds:
        shutil.rmtree(old, ignore_errors=True)


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)
