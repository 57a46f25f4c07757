"""What backs a ticked checklist item in the repository: the files and imports its work leaves behind.

Only the items whose work leaves a file or an import in the repository are here. Work done in a cloud console
(training or deploying on GCP, alerts, monitoring) leaves nothing a repository shows, and for the rest (profiling,
sweeps, coverage, DVC, logging, docs) simple evidence was wrong about half the time on the corpus; those items are
never checked. Each rule is generous: a file the group kept from the course's cookiecutter that does the job is
evidence, and only an empty stub (a test file with no function in it) is not.
"""

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import NamedTuple

# The files whose text a rule may read: Python, workflows and dependency lists. Each is read up to this many bytes,
# and a report's rules read at most this many files: the largest corpus repository tracks 1,359 files.
TEXT_BYTES = 64 * 1024
MAX_TEXTS = 400
_DEPENDENCY_LISTS = ("pyproject.toml", "setup.cfg", "setup.py", "environment.yml", "environment.yaml", "pipfile")
_PROJECT_FILES = (*_DEPENDENCY_LISTS, "uv.lock", "poetry.lock", "pipfile.lock")


class Tree:
    """The files git tracks in the commit, and their text, read through ``read`` (the repository's door) at most
    ``MAX_TEXTS`` times and each once."""

    def __init__(self, files: Iterable[str], read: Callable[[str], str | None]) -> None:
        self.files = tuple(files)
        self._read = read
        self._texts: dict[str, str] = {}

    def text(self, path: str) -> str:
        """A tracked file's text ('' when it cannot be read, or after MAX_TEXTS files)."""
        if path not in self._texts:
            self._texts[path] = (self._read(path) or "") if len(self._texts) < MAX_TEXTS else ""
        return self._texts[path]

    def named(self, test: Callable[[str], bool]) -> Iterator[str]:
        """The tracked paths whose file name, in lower case, passes ``test``."""
        return (path for path in self.files if test(_name(path)))

    @cached_property
    def _python(self) -> tuple[str, ...]:
        return tuple(sorted(self.named(lambda name: name.endswith(".py")), key=_is_test))

    def python(self) -> Iterator[str]:
        """The tracked Python files, the package's before the tests."""
        return iter(self._python)


def _name(path: str) -> str:
    return posixpath.basename(path).lower()


def _is_test(path: str) -> bool:
    name, lowered = _name(path), path.lower()
    return name.endswith(".py") and (
        name.startswith("test") or name.endswith("_test.py") or lowered.startswith("tests/") or "/tests/" in lowered
    )


def _workflows(tree: Tree) -> Iterator[str]:
    return (
        path
        for path in tree.files
        if re.fullmatch(r"\.github/workflows/[^/]+\.ya?ml", path) or _name(path) == ".gitlab-ci.yml"
    )


def _imports(tree: Tree, modules: str) -> bool:
    pattern = rf"^\s*(?:from|import)\s+(?:{modules})\b"
    return any(re.search(pattern, tree.text(path), re.MULTILINE) for path in tree.python())


def _depends_on(tree: Tree, packages: str) -> bool:
    """A dependency list names one of the packages (a requirements file, pyproject.toml, ...)."""
    pattern = rf"(?:^|[\s\"'\[,])(?:{packages})\s*(?:[<>=~!\[;\"',]|$)"
    lists = tree.named(lambda name: name in _DEPENDENCY_LISTS or (name.startswith("requirements") and ".txt" in name))
    return any(re.search(pattern, tree.text(path), re.MULTILINE | re.IGNORECASE) for path in lists)


def _used(modules: str, packages: str) -> Callable[[Tree], bool]:
    """Declared as a dependency, or imported by a Python file."""
    return lambda tree: _depends_on(tree, packages) or _imports(tree, modules)


def _defines(text: str) -> bool:
    """A Python file that is more than a stub: it defines a function or a class."""
    return re.search(r"^\s*(?:async\s+)?(?:def|class)\s+\w", text, re.MULTILINE) is not None


# Test files of other kinds, which a data or model test is not: API, integration and load tests. The patterns here
# are compiled at their first use, by re's own cache: a run whose checklist ticks nothing they decide pays nothing.
_OTHER_TESTS = r"(?:^|[/_.-])(?:api|integration|locust|performance|load)(?:[/_.-]|s?$)"


def _tests(file_words: str, test_words: str, other_kinds: bool = False) -> Callable[[Tree], bool]:
    """A test file named for the part (``test_data.py``), or with a test named for it (``def test_model_...``),
    that is more than a stub."""
    test_named = rf"def test\w*(?:{test_words})"

    def backed(tree: Tree) -> bool:
        for path in tree.files:
            if not _is_test(path) or (not other_kinds and re.search(_OTHER_TESTS, path.lower())):
                continue
            if re.search(file_words, _name(path)) and _defines(tree.text(path)):
                return True
            if re.search(test_named, tree.text(path), re.IGNORECASE):
                return True
        return False

    return backed


def _any(*names: Callable[[str], bool]) -> Callable[[Tree], bool]:
    return lambda tree: any(next(tree.named(test), None) is not None for test in names)


def _lints(tree: Tree) -> bool:
    linters = r"\b(?:ruff|flake8|pylint|black|isort|mypy|pre-commit|pycodestyle|pyright)\b"
    return any(re.search(linters, tree.text(path)) for path in _workflows(tree))


def _config_file(name: str) -> bool:
    return (
        re.search(r"\.(?:ya?ml|json|toml|cfg|ini)$", name) is not None
        and not name.startswith(".")
        and name not in ("pyproject.toml", "docker-compose.yml", "docker-compose.yaml", "cloudbuild.yaml")
    )


def _config_files(tree: Tree) -> bool:
    return any(_config_file(_name(path)) and not path.startswith(".") for path in tree.files)


def _source(words: str) -> Callable[[Tree], bool]:
    """A Python file of the package (not a test) whose name has one of the words."""
    return lambda tree: any(re.search(words, _name(path)) and not _is_test(path) for path in tree.python())


class Evidence(NamedTuple):
    """What backs an item: what the message says it looked for, and the rule."""

    looked_for: str
    backed: Callable[[Tree], bool]


EVIDENCE: dict[str, Evidence] = {
    "dockerfiles": Evidence(
        "a Dockerfile (a file named Dockerfile* or *.dockerfile)", _any(lambda name: "dockerfile" in name)
    ),
    "ci": Evidence(
        "a workflow in .github/workflows/",
        lambda tree: next(_workflows(tree), None) is not None,
    ),
    "ci_lint": Evidence("a workflow that runs a linter (ruff, flake8, pylint, pre-commit, ...)", _lints),
    "precommit": Evidence(
        "a .pre-commit-config.yaml", _any(lambda name: name in (".pre-commit-config.yaml", ".pre-commit-config.yml"))
    ),
    "unit_tests_data": Evidence(
        "a test of the data (a test file named for the data, or a test named for it)",
        _tests(r"data|loader|preprocess", r"data|loader|preprocess"),
    ),
    "unit_tests_model": Evidence(
        "a test of the model (a test file named for the model or training, or a test named for the model)",
        _tests(r"model|train|net", r"model|forward|net|cnn|training_step|layer"),
    ),
    "api_tests": Evidence(
        "an API test (a test file or test named for the API, the app or its endpoints)",
        _tests(r"api|app|endpoint|server|client|integration", r"api|app|endpoint|server|client", other_kinds=True),
    ),
    "load_test": Evidence(
        "a load test (a locustfile, a load test file, locust among the dependencies)",
        lambda tree: (
            _any(lambda name: "locust" in name, lambda name: "load" in name and "test" in name)(tree)
            or _used("locust", "locust")(tree)
        ),
    ),
    "fastapi": Evidence("FastAPI among the dependencies or imports", _used("fastapi", "fastapi")),
    "hydra": Evidence("Hydra among the dependencies or imports", _used("hydra", "hydra-core")),
    "lightning": Evidence(
        "PyTorch Lightning among the dependencies or imports",
        _used("pytorch_lightning|lightning", "pytorch-lightning|lightning"),
    ),
    "onnx_bento": Evidence(
        "ONNX or BentoML among the dependencies, imports or files",
        lambda tree: (
            _any(lambda name: name.endswith(".onnx") or name.startswith("bentofile"))(tree)
            or _used("onnx|onnxruntime|bentoml", "onnx|onnxruntime|bentoml")(tree)
        ),
    ),
    "config_files": Evidence("a configuration file (.yaml, .json, .toml, .cfg or .ini)", _config_files),
    "requirements": Evidence(
        "a dependency list (requirements*.txt, pyproject.toml, a lock file, environment.yml)",
        _any(lambda name: name in _PROJECT_FILES or (name.startswith("requirements") and name.endswith(".txt"))),
    ),
    "data_py": Evidence("a Python file for the data (data.py, make_dataset.py, ...)", _source(r"data")),
    "model_train": Evidence("a training script (a Python file named train*)", _source(r"train")),
}
