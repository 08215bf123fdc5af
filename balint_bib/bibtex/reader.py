"""Reading .bib files: bytes → text → bibtexparser blocks → `Bibliography`.

Parsing never raises on bad data. Every defect becomes a `Diagnostic` (rule codes
BB101-BB107) with its line, so the validator can report all of them; `load()` is the
strict front door that raises the first one as an `InputError`. This module is the only
place that reads a .bib file's bytes (`read_text`: encoding, BOM, unreadable files).
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bibtexparser import model as bp
from bibtexparser.entrypoint import parse_string as parse_with_bibtexparser

from ..diagnostics import ERROR, INFO, Diagnostic, Severity
from ..errors import InputError
from ..inputs import check_input, display_name, read_input
from . import fastsplit
from .braces import count_at_depth
from .model import UNSAFE_KEY, Field, Record
from .values import Budget, UndefinedMacro, ValueSyntaxError, evaluate

# bibtexparser logs every failed block itself; we report them as Problems instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


# The reader's diagnostics, by rule code (validation lists them among its BB1xx rules).
SYNTAX = "BB101"
UNBALANCED_BRACES = "BB102"
UNTERMINATED_STRING = "BB103"
DUPLICATE_KEY = "BB104"
DUPLICATE_FIELD = "BB105"
UNDEFINED_MACRO = "BB106"
MISSING_KEY = "BB107"
STRING_REDEFINED = "BB111"
STRAY_FIELDS = "BB112"
FIXES = {
    UNBALANCED_BRACES: "close every '{' with a '}' in the same field",
    UNTERMINATED_STRING: "close the quoted value with '\"', or use braces",
    DUPLICATE_KEY: "rename one of the entries, or merge them",
    DUPLICATE_FIELD: "keep one of the values (BibTeX uses the first)",
    UNDEFINED_MACRO: "define it with @string{name = {...}} before use, or brace the value",
    STRING_REDEFINED: "remove one of the definitions (BibTeX uses the last one)",
    STRAY_FIELDS: "remove the '}' that closes the entry too early",
}
# `name = {` / `name = "` / `name = 1999,` at the start of a line (after commas or braces)
# in text outside any entry: fields that an early `}` cut off from their entry.
_STRAY_FIELD = re.compile(
    r'(?m)^[\s,}]*([A-Za-z][\w\-:.+/]*)[ \t]*=[ \t]*(?:[{"]|\d+[ \t]*(?:[,}]|$))')


# The key of a block that failed to parse, where its head is still readable: `@article{KEY,`.
_FAILED_KEY = re.compile(r"\s*@\s*\w+\s*[{(]\s*([^\s,{}()\"#%'=]+)\s*,")


@dataclass(frozen=True, slots=True)
class Span:
    """Where one block sits in the source text: `text[start:end]` is its raw form."""

    kind: str  # "entry", "string", "preamble", "comment", "text" or "failed"
    start: int
    end: int
    line: int
    key: str | None = None


@dataclass(frozen=True)
class Bibliography:
    """A parsed file: its records, its exact source text and what was wrong with it."""

    path: str | None
    text: str
    records: tuple[Record, ...]
    strings: dict[str, str]
    spans: tuple[Span, ...]
    problems: tuple[Diagnostic, ...]

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def get(self, key: str) -> Record | None:
        return self._by_key.get(key)

    def __getitem__(self, key: str) -> Record:
        record = self.get(key)
        if record is None:
            raise KeyError(key)
        return record

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.records)

    @cached_property
    def _by_key(self) -> dict[str, Record]:
        by_key: dict[str, Record] = {}
        for record in self.records:
            by_key.setdefault(record.key, record)
        return by_key

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The problems that make the file unreadable as written (not the info findings)."""
        return tuple(p for p in self.problems if p.severity is ERROR)

    def raise_for_problems(self) -> None:
        """Raise the first error (in file order) as an `InputError`."""
        errors = self.errors
        if errors:
            first = min(errors, key=lambda p: p.line or 0)
            raise InputError(first.message, path=self.path, line=first.line, key=first.key)


def read_text(path: str | Path) -> str:
    """Read a .bib file (or `-`, stdin) as UTF-8 text, byte for byte (BOM and line endings
    kept). FIFOs and devices are refused and the size is capped (`inputs`)."""
    return decode(read_input(path), display_name(path))


def require_file(path: str | Path, missing: str = "no such file") -> Path:
    """`path`, if it names a regular file or is `-`; else `UsageError` (with `missing`
    when it does not exist)."""
    return check_input(path, missing)


def decode(data: bytes, path: str | Path | None = None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text; re-save the file as UTF-8", path=path, line=1)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("binary data (a NUL byte), not a BibTeX file", path=path, line=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"bytes that are not UTF-8 (0x{data[error.start]:02x} at byte {error.start}); "
            "re-save the file as UTF-8",
            path=path,
            line=line,
        ) from None


def parse_string(text: str, path: str | Path | None = None) -> Bibliography:
    """Parse BibTeX text. Never raises for bad data: defects land in `.problems`."""
    with cyclic_gc_paused():
        library = fastsplit.split(text) or parse_with_bibtexparser(text, parse_stack=[])
        builder = _Builder(text, str(path) if path is not None else None)
        for block in library.blocks:
            builder.add(block)
        # Free bibtexparser's blocks by reference counting, before the collector resumes:
        # else its first pass walks them all (a fifth of the time for a 2,000-entry file).
        del library
        return builder.result()


class cyclic_gc_paused:  # lower case: used like the function it was
    """Parsing allocates hundreds of thousands of acyclic objects; the cyclic collector
    would rescan them over and over (about a third of the time for a 10k-entry file).
    (A class: entered on every parse and validation, a generator-based context manager
    was a tenth of a one-entry file's time.)"""

    __slots__ = ("was_enabled",)

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exception: object) -> None:
        if self.was_enabled:
            gc.enable()


def parse_file(path: str | Path) -> Bibliography:
    """Parse a file; raises only when the file cannot be read as text at all."""
    return parse_string(read_text(path), display_name(path))


def load(path: str | Path | None = None) -> Bibliography:
    """Read a file strictly: any defect raises `InputError`. Default: the bundled dataset."""
    if path is None:
        from ..dataset import references_path

        path = references_path()
    bibliography = parse_file(path)
    bibliography.raise_for_problems()
    return bibliography


class _Builder:
    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.cursor = 0
        self.records: list[Record] = []
        self.strings: dict[str, str] = {}
        self.spans: list[Span] = []
        self.problems: list[Diagnostic] = []
        self.first_line_of_key: dict[str, int] = {}
        self.budget = Budget()  # macro expansion's cap for the whole file
        self.shift = 0  # see true_line
        self.counted_to = 0
        self.counted_line = 1
        self.found: tuple[str | None, int, int] = (None, 0, -1)  # see find

    def result(self) -> Bibliography:
        return Bibliography(
            path=self.path,
            text=self.text,
            records=tuple(self.records),
            strings=self.strings,
            spans=tuple(self.spans),
            problems=tuple(self.problems),
        )

    def problem(self, code: str, message: str, line: int, key: str | None = None,
                field: str | None = None, severity: Severity = ERROR) -> None:
        self.problems.append(
            Diagnostic(code, severity, message, self.path, line, key, field, FIXES.get(code))
        )

    def find(self, raw: str) -> int:
        """Where `raw` starts, from the cursor (-1: not found). Asked twice per block, by
        `true_line` and `locate`, and found once."""
        if self.found[0] is not raw or self.found[1] != self.cursor:
            self.found = (raw, self.cursor, self.text.find(raw, self.cursor))
        return self.found[2]

    def locate(self, block: bp.Block, kind: str, key: str | None = None) -> Span:
        raw = block.raw or ""
        start = self.find(raw) if raw else -1
        if start < 0:  # cannot happen for splitter output; keep the text intact regardless
            start = self.cursor
        end = start + len(raw)
        self.cursor = max(self.cursor, end)
        span = Span(kind, start, end, (block.start_line or 0) + 1 + self.shift, key)
        self.spans.append(span)
        return span

    def true_line(self, block: bp.Block) -> int:
        """The block's line, counted here: bibtexparser does not count a line end after a
        backslash (`\\TeX\\` at the end of a line), so its lines drift; `shift` is the
        correction for this block's own line numbers (fields included)."""
        told = (block.start_line or 0) + 1
        start = self.find(block.raw) if block.raw else -1
        if start < self.counted_to:
            self.shift = 0
            return told
        self.counted_line += self.text.count("\n", self.counted_to, start)
        self.counted_to = start
        self.shift = self.counted_line - told
        return self.counted_line

    def add(self, block: bp.Block) -> None:
        line = self.true_line(block)
        if type(block) is bp.Entry:  # most blocks; the isinstance tests below go through abc
            self.add_entry(block)
        elif isinstance(block, bp.DuplicateBlockKeyBlock) and isinstance(
                block.ignore_error_block, bp.String):
            self.add(block.ignore_error_block)  # BibTeX accepts a redefinition
        elif isinstance(block, (bp.DuplicateFieldKeyBlock, bp.DuplicateBlockKeyBlock)):
            entry = block.ignore_error_block
            if not isinstance(entry, bp.Entry):  # a duplicated @preamble or comment: text
                self.locate(block, "text")
                return
            if isinstance(block, bp.DuplicateFieldKeyBlock):
                self.report_duplicate_fields(entry)
            self.add_entry(entry)  # which reports a duplicate key itself
        elif isinstance(block, bp.ParsingFailedBlock):
            self.locate(block, "failed")
            self.add_failure(block, line)
        elif isinstance(block, bp.Entry):
            self.add_entry(block)
        elif isinstance(block, bp.String):
            self.locate(block, "string", block.key)
            if block.key.lower() in self.strings:
                self.problem(STRING_REDEFINED, f"@string '{block.key}' is defined again; "
                             "this definition replaces the earlier one", line, block.key,
                             severity=INFO)
            try:
                self.strings[block.key.lower()] = evaluate(block.value, self.strings,
                                                           self.budget)
            except UndefinedMacro as error:
                self.problem(UNDEFINED_MACRO, f"undefined @string macro '{error.name}'",
                             line, block.key)
            except ValueSyntaxError as error:
                self.problem(SYNTAX, f"@string {block.key}: {error}", line, block.key)
        elif isinstance(block, bp.Preamble):
            self.locate(block, "preamble")
        elif isinstance(block, bp.ExplicitComment):
            self.locate(block, "comment")
        else:
            self.add_text(block)

    def add_text(self, block: bp.Block) -> None:
        """Text between blocks is a comment to BibTeX; fields there were lost from an entry."""
        previous = self.spans[-1] if self.spans else None
        span = self.locate(block, "text")
        text = self.text[span.start : span.end]
        match = _STRAY_FIELD.search(text)
        if match is None:
            return
        line = span.line + text.count("\n", 0, match.start(1))
        after = (f" after the end of entry '{previous.key}'"
                 if previous is not None and previous.kind == "entry" else "")
        self.problem(STRAY_FIELDS, f"field '{match.group(1)}' outside any entry{after}: an "
                     "early '}' ends the entry, and BibTeX ignores the rest", line,
                     previous.key if after and previous else None)

    def report_duplicate_fields(self, entry: bp.Entry) -> None:
        seen: set[str] = set()
        for item in entry.fields:
            name = item.key.lower()
            if name in seen:
                first = next(f for f in entry.fields if f.key.lower() == name)
                self.problem(DUPLICATE_FIELD, f"field '{name}' appears more than once "
                             f"(first at line {(first.start_line or 0) + 1 + self.shift})",
                             (item.start_line or 0) + 1 + self.shift, entry.key, name)
            seen.add(name)

    def add_failure(self, block: bp.ParsingFailedBlock, line: int) -> None:
        raw = block.raw or ""
        reason = getattr(block.error, "abort_reason", None) or str(block.error) or "syntax error"
        header = raw.split("{", 1)[0].strip() or "@?"
        key_match = _FAILED_KEY.match(raw)
        key = key_match.group(1) if key_match else None  # for the error line's entry 'KEY'
        if "entry key" in reason or raw.replace(" ", "").startswith(f"{header}{{,"):
            self.problem(MISSING_KEY, f"{header} entry has no citation key", line)
        elif count_at_depth(raw, '"', 1) % 2:  # an odd number of quotes inside the entry
            self.problem(UNTERMINATED_STRING, f"{header} block: unterminated quoted string",
                         line, key)
        elif raw.count("{") != raw.count("}"):
            missing = raw.count("{") - raw.count("}")
            what = f"{missing} '{{' never closed" if missing > 0 else f"{-missing} extra '}}'"
            self.problem(UNBALANCED_BRACES, f"{header} block: unbalanced braces ({what})", line,
                         key)
        else:
            self.problem(SYNTAX, f"{header} block could not be parsed: {reason}", line, key)

    def add_entry(self, entry: bp.Entry) -> None:
        line = (entry.start_line or 0) + 1 + self.shift
        key = entry.key.strip()
        self.locate(entry, "entry", key)
        if not key:
            self.problem(MISSING_KEY, f"@{entry.entry_type} entry has no citation key", line)
            return
        if UNSAFE_KEY.search(key):
            shown = key.encode("unicode_escape").decode("ascii")
            self.problem(SYNTAX, f"@{entry.entry_type} entry: citation key '{shown}' contains "
                         "a space, line break or control character (BibTeX cannot read it)",
                         line)
            return
        folded = key.casefold()
        if folded in self.first_line_of_key:
            first = self.first_line_of_key[folded]
            self.problem(DUPLICATE_KEY,
                         f"duplicate citation key (first defined at line {first})", line, key)
            return
        self.first_line_of_key[folded] = line
        fields = []
        strings, budget = self.strings, self.budget
        after_entry_line = (entry.start_line or 0) + 1 + self.shift
        for item in entry.fields:
            raw, name, told = item.value, item.key, item.start_line  # properties: read once
            field_line = told + 1 + self.shift if told else after_entry_line
            try:
                value = evaluate(raw, strings, budget)
            except UndefinedMacro as error:
                self.problem(UNDEFINED_MACRO, f"undefined @string macro '{error.name}' in "
                             f"field '{name}'", field_line, key, name.lower())
                value = raw
            except ValueSyntaxError as error:
                self.problem(SYNTAX, f"field '{name}': {error}", field_line, key, name.lower())
                value = raw
            fields.append(Field(name.lower(), value, raw, field_line))
        self.records.append(
            Record(key, entry.entry_type.lower(), tuple(fields), self.path, line)
        )
