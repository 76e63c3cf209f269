"""The API facts table (`api_facts.toml`): signatures, traits, aliases, re-exports and patchers."""
from __future__ import annotations

import ast
import hashlib
import json
import sys
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Mapping, NamedTuple, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on the old-Python tox environments
    import tomli as tomllib

from importlib.resources import files

Version = Tuple[int, int]


@lru_cache(maxsize=256)
def parse_version(text: str) -> Version:
    """`"2.10"` / `"2.3.1"` / `"2.10.0rc1"` -> (2, 10); ValueError when it is not a version."""
    parts = str(text).strip().split(".")
    if len(parts) < 2 or not parts[0].isdigit():
        raise ValueError("not a MindSpore version: %r" % text)
    minor = "".join(ch for ch in parts[1] if ch.isdigit()) if parts[1] else ""
    if not minor or not parts[1].startswith(minor):
        raise ValueError("not a MindSpore version: %r" % text)
    return int(parts[0]), int(minor)


def format_version(version: Version) -> str:
    return "%d.%d" % version


class Signature:
    """A parameter list, parsed from its Python source in the table."""

    def __init__(self, source: str) -> None:
        self.source = source
        args = ast.parse("def f(%s): pass" % source).body[0].args
        self.positional: List[str] = [a.arg for a in args.posonlyargs + args.args]
        self.keyword_only: List[str] = [a.arg for a in args.kwonlyargs]
        self.posonly: int = len(args.posonlyargs)
        self.varargs: bool = args.vararg is not None
        self.varkw: bool = args.kwarg is not None
        defaults = dict(zip(self.positional[len(self.positional) - len(args.defaults):], args.defaults))
        defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
        self.defaults: Dict[str, ast.expr] = defaults

    @property
    def names(self) -> List[str]:
        return self.positional + self.keyword_only

    def accepts_keyword(self, name: str) -> bool:
        return self.varkw or self.names_keyword(name)

    def names_keyword(self, name: str) -> bool:
        """Whether `name` is one of its parameters that a keyword can fill (not through **kwargs)."""
        return name in self.positional[self.posonly:] or name in self.keyword_only

    def extends(self, older: "Signature") -> bool:
        """Whether this signature keeps every parameter of `older`, in place, and only adds some."""
        return (self.positional[:len(older.positional)] == older.positional and self.posonly == older.posonly
                and set(older.keyword_only) <= set(self.keyword_only)
                and self.varargs >= older.varargs and self.varkw >= older.varkw)

    def default(self, name: str) -> Any:
        """The literal default of a parameter, or None when it has none or it is not a literal."""
        node = self.defaults.get(name)
        try:
            return ast.literal_eval(node) if node is not None else None
        except ValueError:
            return None


class BoundCall:
    """The arguments of one call, matched to a signature's parameters."""

    def __init__(self, call: ast.Call, signature: Signature) -> None:
        self.call = call
        self.signature = signature
        self.arguments: Dict[str, ast.expr] = {}
        self.positional_of: Dict[str, int] = {}  # parameter -> index of the positional argument
        self.keywords: Dict[str, ast.keyword] = {}
        self.complete = True  # False when *args / **kwargs hide some arguments
        for index, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                self.complete = False
                break
            if index < len(signature.positional):
                name = signature.positional[index]
                self.arguments[name] = arg
                self.positional_of[name] = index
        for keyword in call.keywords:
            if keyword.arg is None:
                self.complete = False
                continue
            self.keywords[keyword.arg] = keyword
            self.arguments.setdefault(keyword.arg, keyword.value)

    def get(self, name: str) -> Optional[ast.expr]:
        return self.arguments.get(name)

    def given(self, name: str) -> bool:
        """Whether the argument is given, or may be hidden in *args / **kwargs."""
        return name in self.arguments or not self.complete


class ApiEntry:
    """What the table knows of one public MindSpore name."""

    def __init__(self, qualname: str, data: Mapping[str, Any], measured: Tuple[Version, ...] = ()) -> None:
        self.qualname = qualname
        self.data = data
        self.measured = measured  # the versions whose signatures were read from the installed MindSpore
        self.kind: str = data.get("kind", "class")
        self.traits: FrozenSet[str] = frozenset(data.get("traits", ()))
        self._signatures = _by_version(data.get("signature"))
        # the keywords a `**kwargs` really accepts, where it rejects the others at runtime
        self.kwargs: Optional[FrozenSet[str]] = frozenset(data["kwargs"]) if "kwargs" in data else None
        # the initializer parameters whose default is not PyTorch's initialisation (MSL128)
        self.torch_init: Tuple[str, ...] = tuple(data.get("torch-init", ()))
        # PyTorch's positional order for the class, in MindSpore's parameter names
        self.torch_positional: Tuple[str, ...] = tuple(data.get("torch-positional", ()))
        # the parameters that raise ValueError at a non-default value unless pad_mode='pad'
        self.needs_pad_mode_pad: Tuple[str, ...] = tuple(data.get("needs-pad-mode-pad", ()))
        # the keys a parameter-group dict may hold (nn.Optimizer)
        self.group_keys: Tuple[str, ...] = tuple(data.get("group-keys", ()))
        # how many learning rates a dynamic-lr function returns: "total_step", or "milestone[-1]"
        self.length: Optional[str] = data.get("length")
        # the strings a parameter accepts (any other: ValueError at construction), by first version
        self._choices = _by_version(data.get("choices"))
        self.choices_any_case: FrozenSet[str] = frozenset(data.get("choices-any-case", ()))
        # the parameter whose argument a discarded result was meant to replace, and PyTorch's in-place counterpart (MSL402)
        self.result_replaces: str = data.get("result-replaces", "")
        self.torch_in_place: str = data.get("torch-in-place", "")
        # the methods of the class that return None (MSL405)
        self.none_methods: FrozenSet[str] = frozenset(data.get("none-methods", ()))
        self.since: Optional[Version] = parse_version(data["since"]) if "since" in data else None
        self.absent: FrozenSet[Version] = frozenset(parse_version(v) for v in data.get("absent", ()))

    @property
    def short_name(self) -> str:
        return self.qualname.rsplit(".", 1)[-1]

    def signatures(self, version: Version) -> Tuple[Signature, ...]:
        """The signatures that may be in force at `version`: one, or two where `version` lies between
        two measured versions whose signatures differ (the change came somewhere in between).
        The first signature the table gives is assumed for older versions too."""
        table = self._signatures
        if not table:
            return ()
        index = max((i for i, (since, _) in enumerate(table) if since <= version), default=0)
        current = _parse_signature(table[index].value)
        if index + 1 == len(table):
            return (current,)
        since, next_since = table[index].since, table[index + 1].since
        last_seen = max([m for m in self.measured if since <= m < next_since], default=since)
        if next_since not in self.measured or version <= last_seen:
            return (current,)
        return current, _parse_signature(table[index + 1].value)

    def signature(self, version: Version) -> Optional[Signature]:
        """The signature in force at `version`: between two measured versions that disagree, the
        newer one where it only adds parameters to the older, else None (out of sight)."""
        found = self.signatures(version)
        if len(found) == 2:
            older, newer = found
            return newer if newer.extends(older) else None
        return found[0] if found else None

    def accepts_keyword(self, name: str, version: Version) -> Optional[bool]:
        """Whether a call may pass `name=` at `version` (by any signature that may be in force);
        None when the table has no signature."""
        found = self.signatures(version)
        if not found:
            return None
        return any(s.names_keyword(name) or (s.varkw and (self.kwargs is None or name in self.kwargs)) for s in found)

    def choices(self, version: Version) -> Dict[str, Tuple[str, ...]]:
        """The strings each parameter accepts at `version` (MSL129); empty before the first measured."""
        found = _at_version(self._choices, version)
        return {name: tuple(values) for name, values in (found or {}).items()}

    def available(self, version: Version) -> bool:
        """Whether the API exists at `version`: from `since` on (without it, every version), except
        in the measured versions the table lists as `absent`."""
        return (self.since is None or self.since <= version) and version not in self.absent

    def two_axes(self, version: Version) -> Optional[str]:
        """What `x.transpose(a, b)` does at `version`: "permutation" or "swap" (a table keyed by the
        first version each holds from: `two-axes = { "1.10" = "permutation", "2.5" = "swap" }`)."""
        return _at_version(_by_version(self.data.get("two-axes")), version)

    def swaps_two_axes_since(self) -> Optional[Version]:
        """The first version whose `x.transpose(a, b)` swaps the two axes."""
        return next((since for since, what in _by_version(self.data.get("two-axes")) if what == "swap"), None)

    def owner(self, version: Version) -> str:
        """Whose API this entry describes: MindSpore's at `version`, or the package's that patches it."""
        patcher = self.data.get("patched-by")
        return "%s's patched" % patcher if patcher else "MindSpore %s's" % format_version(version)

    def merged(self, patch: Mapping[str, Any], patcher: str) -> "ApiEntry":
        data = {**self.data, **patch, "patched-by": patcher}
        if "signature" in patch and "choices" not in patch:
            data.pop("choices", None)  # a replaced class validates its strings its own way, if at all
        return ApiEntry(self.qualname, data, self.measured)


@lru_cache(maxsize=None)
def _parse_signature(source: str) -> Signature:
    return Signature(source)


class Dated(NamedTuple):
    """A fact that holds from one MindSpore version on (until the next one's)."""

    since: Version
    value: Any


def _by_version(value: Any) -> Tuple[Dated, ...]:
    """A fact keyed by version ({"2.3" = ...}) as a sorted tuple; a plain value holds from the start."""
    if value is None:
        return ()
    if isinstance(value, dict):
        return tuple(sorted(Dated(parse_version(k), v) for k, v in value.items()))
    return (Dated((0, 0), value),)


def _at_version(table: Tuple[Dated, ...], version: Version) -> Any:
    found = None
    for since, value in table:
        if since <= version:
            found = value
    return found


class ModuleFacts:
    """What the table knows of one public MindSpore module ([modules])."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.exports: Tuple[Dated, ...] = _by_version(data.get("exports"))  # per measured version
        self.torch: Tuple[str, ...] = tuple(data.get("torch", ()))  # the PyTorch modules ported code looks names up from
        self.renames: Dict[str, str] = dict(data.get("renames", {}))  # PyTorch name -> the MindSpore name for the same call
        self.counterparts: Dict[str, str] = dict(data.get("counterparts", {}))  # PyTorch name -> the closest MindSpore name


class CellMethod:
    """A method only mindspore.nn.Cell has ([cell-methods])."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.parameters: Optional[str] = data.get("parameters")  # "trainable", "untrainable", "all", or None
        self.returns: Optional[str] = data.get("returns")  # "list", "iterator", "dict", or None


class MissingCellMethod:
    """A torch.nn.Module method mindspore.nn.Cell lacks, and the Cell's counterpart ([cell-methods-missing])."""

    def __init__(self, data: Mapping[str, str]) -> None:
        self.use: str = data.get("use", "")  # the replacement text: {recv} the receiver, {args} the arguments
        self.fix: str = data.get("fix", "none")  # safe | unsafe | none
        self.note: str = data.get("note", "")
        # the device names (before any ":index") it rejects, where the Cell has the method but not torch's devices
        self.devices: FrozenSet[str] = frozenset(data.get("devices", ()))


class TorchTensorMethod:
    """A torch.Tensor method a MindSpore tensor lacks or reads differently ([torch-tensor-methods])."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.does: str = data.get("does", "")  # what it does on a MindSpore tensor, for the message
        self.signature: Signature = _parse_signature(data.get("signature", ""))  # torch's parameters
        self.use: Tuple[str, ...] = tuple(data.get("use", ()))  # replacements, the first that fits wins
        self.drops: FrozenSet[str] = frozenset(data.get("drops", ()))  # torch arguments a replacement may leave out
        self.devices: FrozenSet[str] = frozenset(data.get("devices", ()))  # the device names it rejects
        self.platforms: Tuple[str, ...] = tuple(data.get("platforms", ()))  # the only platforms documented for it
        self.fix: str = data.get("fix", "none")  # safe | unsafe | none


class TensorFacts:
    """What is certainly a MindSpore tensor ([tensors]); modules as prefixes that take `startswith`."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.function_modules: Tuple[str, ...] = tuple(m + "." for m in data.get("function-modules", ()))
        self.constructors: FrozenSet[str] = frozenset(data.get("constructors", ()))
        self.cell_modules: Tuple[str, ...] = tuple(m + "." for m in data.get("cell-modules", ()))
        self.non_tensor_methods: FrozenSet[str] = frozenset(data.get("non-tensor-methods", ()))
        self.reductions: FrozenSet[str] = frozenset(data.get("reductions", ()))
        self.reduction_modules: Tuple[str, ...] = tuple(m + "." for m in data.get("reduction-modules", ()))
        self.initialising_methods: FrozenSet[str] = frozenset(data.get("initialising-methods", ()))
        self.initialising_constructors: FrozenSet[str] = frozenset(data.get("initialising-constructors", ()))
        self.result_methods: FrozenSet[str] = frozenset(data.get("result-methods", ()))


class SeedingFacts:
    """What seeds the random numbers MindSpore code draws ([seeding], MSL407)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        # the calls that set the global seed ops.rand, nn.Dropout and the initializers read
        self.global_seed: FrozenSet[str] = frozenset(data.get("global-seed", ()))
        # seeding call -> what it seeds instead of the global seed, for the message
        self.calls: Dict[str, str] = dict(data.get("calls", {}))
        # the calls judged only in a seeding helper
        self.helper_only: FrozenSet[str] = frozenset(data.get("helper-only", ()))
        # torch names (and prefixes of them) that only set a run up
        self.setup: Tuple[str, ...] = tuple(data.get("setup", ()))
        # the names of MindSpore's Generator state: a module that names one seeds the Generator on purpose
        self.generator_state: FrozenSet[str] = frozenset(data.get("generator-state", ()))
        # mindspore.mint's random functions: a module that calls one seeds the Generator on purpose
        self.generator_draws: FrozenSet[str] = frozenset(data.get("generator-draws", ()))

    def torch_setup(self, qualname: str) -> bool:
        """Whether a torch name only sets a run up: one of `setup` or a name under one."""
        return any(qualname == name or qualname.startswith(name + ".") for name in self.setup)


class ApiFacts:
    """The whole facts table, loaded once."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.known_versions: List[Version] = sorted(parse_version(v) for v in data["versions"]["known"])
        self.newest: Version = self.known_versions[-1]
        self.measured: Tuple[Version, ...] = tuple(sorted(parse_version(v) for v in data["versions"]["measured"]))
        self.entries: Dict[str, ApiEntry] = {q: ApiEntry(q, d, self.measured) for q, d in data.get("api", {}).items()}
        aliases = dict(data.get("aliases", {}))
        for name, reexport in data.get("reexports", {}).items():
            aliases[name] = reexport["target"]
        self._exact = {k: v for k, v in aliases.items() if not k.endswith(".*")}
        self._collapse = {k[:-2]: v for k, v in aliases.items() if k.endswith(".*")}
        self.patchers: Dict[str, Mapping[str, Any]] = dict(data.get("patchers", {}))
        self.modules: Dict[str, ModuleFacts] = {k: ModuleFacts(v) for k, v in data.get("modules", {}).items()}
        self.torch_names: Dict[str, FrozenSet[str]] = {k: frozenset(v) for k, v in data.get("torch-names", {}).items()}
        self.cell_methods: Dict[str, CellMethod] = {k: CellMethod(v) for k, v in data.get("cell-methods", {}).items()}
        self.cell_methods_missing: Dict[str, MissingCellMethod] = {
            k: MissingCellMethod(v) for k, v in data.get("cell-methods-missing", {}).items()
        }
        # torch.optim class name -> its MindSpore replacements, for the ones mindspore.nn lacks
        self.torch_optimizers: Dict[str, List[str]] = dict(data.get("torch-optimizers", {}))
        # scheduler module -> (the optimizers it takes: "mindspore" or "torch", scheduler -> nn counterpart)
        self.lr_schedulers: Dict[str, Tuple[str, Dict[str, str]]] = {
            k: (v["takes"], dict(v["classes"])) for k, v in data.get("lr-schedulers", {}).items()
        }
        # PyTorch keyword -> the MindSpore keyword, a list of them (a split pair), or "" (no effect)
        self.torch_keywords: Dict[str, Any] = dict(data.get("torch-keywords", {}))
        self.tensors = TensorFacts(data.get("tensors", {}))
        self.seeding = SeedingFacts(data.get("seeding", {}))
        self.torch_tensor_methods: Dict[str, TorchTensorMethod] = {
            k: TorchTensorMethod(v) for k, v in data.get("torch-tensor-methods", {}).items()
        }
        # decorators that keep what the function they wrap returns
        self.transparent_decorators: FrozenSet[str] = frozenset(data.get("autodiff", {}).get("transparent-decorators", ()))
        # words of an output's name that say it is the objective, or something else (MSL313)
        self.objective_words: FrozenSet[str] = frozenset(data.get("autodiff", {}).get("objective-words", ()))
        self.non_objective_words: FrozenSet[str] = frozenset(data.get("autodiff", {}).get("non-objective-words", ()))
        # the last part of every API's name: what a re-export of a MindSpore API can be called
        self.short_names: FrozenSet[str] = frozenset(q.rsplit(".", 1)[-1] for q in self.entries)
        # every method name some class's `none-methods` lists (MSL405)
        self.none_methods: FrozenSet[str] = frozenset(m for e in self.entries.values() for m in e.none_methods)
        # Cells whose output is the same in training and inference mode
        self.mode_independent: FrozenSet[str] = frozenset(data.get("modes", {}).get("independent", ()))
        self.mode_containers: FrozenSet[str] = frozenset(data.get("modes", {}).get("holds", ()))
        self.roots: FrozenSet[str] = frozenset(
            ["mindspore"] + [k.split(".")[0] for k in aliases] + list(self.patchers)
        )

    def lr_scheduler(self, qualname: str) -> Optional[Tuple[str, str]]:
        """(the optimizers it takes, its mindspore.nn counterpart or "") of a PyTorch-style scheduler class."""
        module, _, name = qualname.rpartition(".")
        takes, classes = self.lr_schedulers.get(module, ("", {}))
        return (takes, classes[name]) if name in classes else None

    def canonical(self, qualname: str) -> str:
        """The public name for an internal or re-exported one."""
        parts = qualname.split(".")
        for end in range(len(parts), 0, -1):
            prefix = ".".join(parts[:end])
            if prefix in self._exact:
                return ".".join([self._exact[prefix]] + parts[end:])
            if prefix in self._collapse:
                rest = parts[end:]
                return ".".join([self._collapse[prefix]] + rest[-1:])
        return qualname

    def lookup(self, qualname: str, patches: Tuple[str, ...] = ()) -> Optional[ApiEntry]:
        """The entry for a canonical name, with the patches of the given packages applied."""
        entry = self.entries.get(qualname)
        for package in patches:
            patch = self.patchers.get(package, {}).get("api", {}).get(qualname)
            if patch:
                entry = (entry or ApiEntry(qualname, {}, self.measured)).merged(patch, package)
        return entry

    @lru_cache(maxsize=1024)  # noqa: B019 - the facts table is loaded once and lives as long as the process
    def module_exports(self, module: str, version: Version, patches: Tuple[str, ...] = ()) -> Optional[FrozenSet[str]]:
        """What a MindSpore module exports at `version`: the names in the measured version at or
        before it or the one at or after it (a name missing from both is missing), plus the names
        the given patching packages set on it; None when nothing is measured."""
        measured = self.modules[module].exports if module in self.modules else ()
        if not measured:
            return None
        before = [names for since, names in measured if since <= version][-1:]
        after = [names for since, names in measured if since >= version][:1]
        patched = [self.patchers.get(p, {}).get("exports", {}).get(module, ()) for p in patches]
        return frozenset().union(*(before + after or [measured[0].value]), *patched)

    def patched_cell_methods(self, patches: Tuple[str, ...]) -> FrozenSet[str]:
        """The methods the given patching packages add to mindspore.nn.Cell."""
        return frozenset(m for p in patches for m in self.patchers.get(p, {}).get("cell-methods", ()))

    @lru_cache(maxsize=64)  # noqa: B019 - the facts table is loaded once and lives as long as the process
    def with_trait(self, trait: str) -> FrozenSet[str]:
        """The qualified names of the entries that have `trait`."""
        return frozenset(q for q, e in self.entries.items() if trait in e.traits)

    def exports(self, module: str, name: str) -> bool:
        """Whether `from module import *` binds `name`, as far as the table knows."""
        return self.canonical(module + "." + name) in self.entries


COMPILED_FACTS = "api_facts.json"  # written by setup.py at build time: {"sha256": of the .toml, "facts": its data}


@lru_cache(maxsize=1)
def load_facts() -> ApiFacts:
    """The packaged facts table: its precompiled JSON when that was built from this very table, else the TOML."""
    package = files("ms_lint.facts")
    data = package.joinpath("api_facts.toml").read_bytes()
    compiled = package.joinpath(COMPILED_FACTS)
    if compiled.is_file():
        table = json.loads(compiled.read_bytes())
        if table.get("sha256") == hashlib.sha256(data).hexdigest():
            return ApiFacts(_immutable(table["facts"]))
    return ApiFacts(_immutable(tomllib.loads(data.decode("utf-8"))))


def _immutable(value: Any) -> Any:
    """The table's data with every list a tuple. The table is only read; a tuple of strings or numbers
    drops out of the cycle collector's sight at its first pass, a list never does, so a host's every
    full collection would otherwise walk the 20,000 names of its export lists."""
    if isinstance(value, dict):
        return {k: _immutable(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_immutable(v) for v in value)
    return value
