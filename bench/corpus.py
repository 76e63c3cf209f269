"""The benchmark corpus: pinned PyPI wheels of published MindSpore packages, their Python files unpacked.

`python bench/corpus.py` downloads what is missing into bench/corpus/ (wheels/ and src/<wheel>/) and
prints the source directory. Each wheel is checked against its pinned sha256.
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import List, Tuple

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE / "corpus"

# (distribution, version, wheel file, sha256 of the wheel)
WHEELS: Tuple[Tuple[str, str, str, str], ...] = (
    ("mindcv", "0.3.0", "mindcv-0.3.0-py3-none-any.whl", "18152d727d1fad52197aebe0faa3b5024fdaf05fc20c19ae2864ce19045c2ee1"),
    ("mindocr", "0.5.0", "mindocr-0.5.0-py3-none-any.whl", "2d07326767dd3aa8b14eea2c9cf76e715f836cc549ba34f6f3f05c5465a74327"),
    ("mindyolo", "0.5.0", "mindyolo-0.5.0-py3-none-any.whl", "17bf83dd360759950377c773f5ca13d73a78799038aa0244d0f18dd76b23e41e"),
    ("mindaudio", "0.3.0", "mindaudio-0.3.0-py3-none-any.whl", "5e24f2f84f17be1588beaa65278c6b9c48c34277912060285de9c125de4cfa67"),
    ("mindnlp", "0.3.1", "mindnlp-0.3.1-py3-none-any.whl", "face9ac03f4a8c7bf82124140e44bc744d98437ebfdaa7b4164aef232c57d666"),
    ("mindone", "0.5.0", "mindone-0.5.0-py3-none-any.whl", "ebea916c3034d324f1f43d0e10cc526a0b73bc955ea93ce91fca039157c13b2c"),
    ("mindformers", "2.1.0", "mindformers-2.1.0-py3-none-any.whl", "8876d3c61eae7931b772b71417010e7ab7be0fafdb8dc18fa014e1759259728d"),
    ("mindspore_rl", "0.7.0", "mindspore_rl-0.7.0-py3-none-manylinux1_x86_64.whl", "6dd8dabdb4b5611e3fb140cd79fd80fc20c6ef41193ab2bbdb311a6421eec0df"),
    ("mindvision", "0.1.0", "mindvision-0.1.0-py3-none-any.whl", "33c6cea8af9c6b8a4d405be209aac853292b01bdc67f63831aca8d1b10435b00"),
    ("tinyms", "0.3.2", "tinyms-0.3.2-py3-none-any.whl", "981e2a591fa4f10a8effe2763867bccc4ecd6848e46ece3f5ac532e1c307a6c2"),
    ("mindpet", "1.0.4", "mindpet-1.0.4-py3-none-any.whl", "1b81f5039864f06f9118887f5051de090b4334913c0d8ff1dacecbead8f867e5"),
)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(wheels: Path, name: str, version: str, wheel: str, sha256: str) -> Path:
    """The pinned wheel, downloaded with pip (no dependencies) unless a good copy is there."""
    target = wheels / wheel
    if not (target.is_file() and _sha256(target) == sha256):
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
            "--platform", "manylinux1_x86_64", "--platform", "any", "--dest", str(wheels), "%s==%s" % (name, version),
        ]
        subprocess.run(command, check=True)
    if _sha256(target) != sha256:
        raise SystemExit("corpus: %s does not match its pinned sha256" % target)
    return target


def unpack(wheel: Path, src: Path) -> Path:
    """The wheel's Python files under src/<wheel name>/ (unpacked once; a marker says it is complete)."""
    target = src / wheel.name[: -len(".whl")]
    marker = target / ".complete"
    if marker.is_file():
        return target
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.endswith(".py") and not member.startswith("/") and ".." not in member.split("/"):
                archive.extract(member, target)
    marker.write_text(wheel.name + "\n")
    return target


def prepare(root: Path = DEFAULT_DIR) -> Path:
    """Download and unpack every pinned wheel that is missing; the directory of the sources."""
    wheels, src = root / "wheels", root / "src"
    wheels.mkdir(parents=True, exist_ok=True)
    src.mkdir(parents=True, exist_ok=True)
    for name, version, wheel, sha256 in WHEELS:
        unpack(download(wheels, name, version, wheel, sha256), src)
    return src


def package_dirs(src: Path) -> List[Path]:
    """The unpacked packages, in the pinned order."""
    return [src / wheel[: -len(".whl")] for _, _, wheel, _ in WHEELS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where the corpus lives (default: bench/corpus)")
    print(prepare(parser.parse_args().dir))


if __name__ == "__main__":
    main()
