import hashlib
import json
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


class BuildWithRuleDocs(build_py):
    """Ship docs/rules/*.md inside the package as ms_lint/docs/, for `ms-lint --explain`, and the facts
    table precompiled to JSON (ms_lint/facts/api_facts.json, read only when it matches api_facts.toml's hash)."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "ms_lint" / "docs"
        target.mkdir(parents=True, exist_ok=True)
        for page in sorted((ROOT / "docs" / "rules").glob("MSL*.md")):
            self.copy_file(str(page), str(target / page.name))
        table = (ROOT / "ms_lint" / "facts" / "api_facts.toml").read_bytes()
        compiled = {"sha256": hashlib.sha256(table).hexdigest(), "facts": tomllib.loads(table.decode("utf-8"))}
        (Path(self.build_lib) / "ms_lint" / "facts" / "api_facts.json").write_text(json.dumps(compiled), encoding="utf-8")


ROOT = Path(__file__).parent
VERSION = next(
    line.split('"')[1] for line in (ROOT / "ms_lint" / "__init__.py").read_text().splitlines() if line.startswith("__version__")
)

setup(
    name="ms-lint",
    version=VERSION,
    description="A static linter for MindSpore code, above all code ported from PyTorch",
    long_description=(ROOT / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.9",
    packages=find_packages(include=["ms_lint", "ms_lint.*"]),
    package_data={"ms_lint.facts": ["api_facts.toml"]},
    cmdclass={"build_py": BuildWithRuleDocs},
    install_requires=[
        "astroid>=3.3",
        "pylint>=3.3",
        "flake8>=6.0",
        "pathspec>=1.0",
        "tomli>=1.1; python_version < '3.11'",
    ],
    extras_require={
        # the fast suite (tests/, without tests/oracle) and the real consumers of the output it drives:
        # an editor's language server (its flake8 and pylint plugins) and pre-commit
        "test": [
            "pytest>=7",
            "jsonschema>=4",
            "hypothesis>=6",
            "hypothesmith>=0.3",
            "python-lsp-server>=1.7",
            "pre-commit>=3",
            "pygls>=2,<3",
            "junitparser>=3",
        ],
        # `ms-lint server`, the Language Server
        "server": ["pygls>=2,<3"],
    },
    entry_points={
        "flake8.extension": ["MSL = ms_lint.flake8_plugin:Plugin"],
        "console_scripts": ["ms-lint = ms_lint.cli:main"],
        "pylsp": ["ms_lint = ms_lint.pylsp_plugin"],
    },
    classifiers=[
        "Development Status :: 4 - Beta",
        "Environment :: Console",
        "Framework :: Flake8",
        "Intended Audience :: Developers",
        "License :: OSI Approved :: Apache Software License",
        "Programming Language :: Python :: 3",
        "Topic :: Software Development :: Quality Assurance",
    ],
)
