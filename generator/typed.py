"""Typed, frozen records built from plain YAML data, with every error at once.

Why not pydantic: `make bench` measured it at about a sixth of the build's peak memory
(54 MB with it, 45 MB without) and it was the largest import, while the knowledge base
needs only a small part of it — text, numbers, yes/no, a fixed set of words, optional
values, lists, mappings and nested records, a few constraints, and each error with its
data path so the loader can turn it into `file:line`. This module is that part, on the standard library's dataclasses, and it
also describes the same records as JSON Schema (`json_schema`) for editors.

A record is a `Record` subclass with annotated fields; `spec(...)` adds constraints and
defaults. `parse(cls, data)` returns the record or raises `Invalid` listing every problem.
"""

from __future__ import annotations

import dataclasses
import operator
import re
import types
import typing
from dataclasses import MISSING, dataclass, field
from functools import cache
from typing import Any, Literal, Union, dataclass_transform

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Rules:
    """Constraints on one field's value (JSON Schema's names in brackets)."""

    pattern: str | None = None  # text must match (pattern)
    min_length: int | None = None  # text length or number of items (minLength / minItems)
    max_length: int | None = None  # (maxLength / maxItems)
    ge: float | None = None  # number >= (minimum)
    gt: float | None = None  # number > (exclusiveMinimum)
    le: float | None = None  # number <= (maximum)


def spec(
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    doc: str | None = None,
    synthesis: bool = False,
    **rules: Any,
) -> Any:
    """A field with constraints, an optional default and a `doc` that editors show on hover.
    `synthesis` declares that what the field says is always the guide's own advice, whatever the
    record cites (generator.model.is_synthesis reads it)."""
    return field(
        default=default,
        default_factory=default_factory,
        metadata={"rules": Rules(**rules), "doc": doc, "synthesis": synthesis},
    )


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(spec, field))
class Record:
    """Base of every record: a frozen, keyword-only dataclass that refuses unknown keys."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Keep the class's own docstring for the schema; a truthy __doc__ also spares dataclass
        # from building a signature string for every record.
        cls.__record_doc__ = cls.__dict__.get("__doc__")
        cls.__doc__ = cls.__record_doc__ or cls.__name__
        dataclass(frozen=True, kw_only=True)(cls)

    __record_doc__: typing.ClassVar[str | None] = None
    # Set on each subclass by dataclass() above; declared so type checkers see records as dataclasses.
    __dataclass_fields__: typing.ClassVar[dict[str, dataclasses.Field[Any]]]

    def problems(self) -> list[tuple[DataPath, str]]:
        """Checks across fields, run once every field is valid: (path inside the record, message)."""
        return []


class Invalid(Exception):
    """The data does not fit the records; `errors` holds (data path, message) pairs in data order."""

    def __init__(self, errors: list[tuple[DataPath, str]]):
        super().__init__("\n".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in errors))
        self.errors = errors


@dataclass(frozen=True)
class _Field:
    name: str
    type: Any
    rules: Rules
    required: bool
    default: Any
    default_factory: Any
    doc: str | None


def record_fields(cls: type[Record]) -> tuple[_Field, ...]:
    """The data fields of a record (those set from YAML), types resolved, in declaration order."""
    # A class is hashable, but mypy does not see type[X] as Hashable (python/mypy#11470).
    return _record_fields(cls)  # type: ignore[arg-type]


@cache
def _record_fields(cls: type[Record]) -> tuple[_Field, ...]:
    """record_fields, worked out once per record class."""
    hints = typing.get_type_hints(cls)
    return tuple(
        _Field(
            f.name,
            hints[f.name],
            f.metadata.get("rules", Rules()),
            f.default is MISSING and f.default_factory is MISSING,
            f.default,
            f.default_factory,
            f.metadata.get("doc"),
        )
        for f in dataclasses.fields(cls)
        if f.init
    )


R = typing.TypeVar("R", bound=Record)


def parse(cls: type[R], data: Any) -> R:
    """Build `cls` from plain data, or raise Invalid with every problem found."""
    errors: list[tuple[DataPath, str]] = []
    value = _convert(cls, data, (), errors)
    if errors:
        raise Invalid(errors)
    assert isinstance(value, cls)  # without errors, _convert returned the record
    return value


_BAD = object()  # marks a value that failed; its errors are already recorded
_NAMES = {
    str: "text",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
}


def _describe(value: Any) -> str:
    """How a YAML value reads to the person who wrote it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) <= 40 else "text"
    return _NAMES.get(type(value), type(value).__name__)


def _convert(tp: Any, value: Any, loc: DataPath, errors: list[tuple[DataPath, str]]) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if isinstance(tp, type) and issubclass(tp, Record):
        return _record(tp, value, loc, errors)
    if origin in (Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        if value is None and len(arms) < len(args):
            return None
        if len(arms) == 1:
            return _convert(arms[0], value, loc, errors)
        if len({typing.get_origin(a) or a for a in arms}) < len(arms):
            raise TypeError(f"unsupported field type {tp}: a union's arms must be of different kinds")
        arm = next((a for a in arms if _fits(a, value)), None)
        if arm is None:
            kinds = " or ".join(_NAMES[typing.get_origin(a) or a] for a in arms)
            errors.append((loc, f"expected {kinds}, got {_describe(value)}"))
            return _BAD
        return _convert(arm, value, loc, errors)
    if origin is Literal:
        if value in args and isinstance(value, str):
            return value
        errors.append((loc, f"must be one of: {', '.join(map(str, args))} (got {_describe(value)})"))
        return _BAD
    if origin is list:
        if not isinstance(value, list):
            return _wrong(list, value, loc, errors)
        items = [_convert(args[0], item, loc + (i,), errors) for i, item in enumerate(value)]
        return _BAD if any(item is _BAD for item in items) else items
    if origin is dict:
        if not isinstance(value, dict):
            return _wrong(dict, value, loc, errors)
        entries = {key: _convert(args[1], item, loc + (key,), errors) for key, item in value.items()}
        return _BAD if any(item is _BAD for item in entries.values()) else entries
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, tp) or (tp is not bool and isinstance(value, bool)):
        return _wrong(tp, value, loc, errors)
    return value.strip() if tp is str else value


def _fits(arm: Any, value: Any) -> bool:
    """Whether `value` is of the kind of one arm of a union (bool, str, int, float, list or dict):
    a union of several kinds picks the arm by the value's own kind."""
    base = typing.get_origin(arm) or arm
    if base is bool or isinstance(value, bool):
        return base is bool and isinstance(value, bool)
    return isinstance(value, base)


def _wrong(tp: type, value: Any, loc: DataPath, errors: list[tuple[DataPath, str]]) -> Any:
    errors.append((loc, f"expected {_NAMES[tp]}, got {_describe(value)}{_hint(tp, value)}"))
    return _BAD


_NUMBER_TEXT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _hint(tp: type, value: Any) -> str:
    """What to write instead, for the mistakes YAML makes easy: a bare yes/no read as true/false,
    a number YAML reads as text (8e-1), a number where text was meant."""
    if tp is str and isinstance(value, bool):
        return " — YAML reads a bare yes/no/on/off/true/false as true or false: put the text in quotes"
    if tp is str and isinstance(value, (int, float)):
        return " — put the text in quotes"
    if tp in (int, float) and isinstance(value, str) and _NUMBER_TEXT.match(value.strip()):
        number = float(value)
        shown = int(number) if tp is int and number.is_integer() else number
        return f" — YAML reads '{value}' as text: write it as {shown}"
    return ""


def _record(cls: type[Record], value: Any, loc: DataPath, errors: list[tuple[DataPath, str]]) -> Any:
    if not isinstance(value, dict):
        return _wrong(dict, value, loc, errors)
    before = len(errors)
    known = record_fields(cls)
    names = {f.name for f in known}
    errors.extend((loc + (key,), _unknown(key, names)) for key in value if key not in names)
    kwargs = {}
    for f in known:
        if f.name not in value:
            if f.required:
                errors.append((loc + (f.name,), "field required"))
            continue
        converted = _convert(f.type, value[f.name], loc + (f.name,), errors)
        if converted is not _BAD and converted is not None:
            _check_rules(f.rules, converted, loc + (f.name,), errors)
        kwargs[f.name] = converted
    if len(errors) > before:
        return _BAD
    record = cls(**kwargs)
    problems = record.problems()
    errors.extend((loc + where, message) for where, message in problems)
    return _BAD if problems else record


def _unknown(key: str, names: set[str]) -> str:
    """An unknown key is most often a typo: name the field it probably meant."""
    import difflib  # only on this error path

    close = difflib.get_close_matches(str(key), sorted(names), n=1, cutoff=0.75)
    return f"unknown field (typo? did you mean '{close[0]}'?)" if close else "unknown field (typo?)"


def _check_rules(rules: Rules, value: Any, loc: DataPath, errors: list[tuple[DataPath, str]]) -> None:
    if rules.pattern is not None and not re.search(rules.pattern, value):
        errors.append((loc, f"'{value}' does not match the pattern {rules.pattern}"))
    unit = "characters" if isinstance(value, str) else "entries"
    if rules.min_length is not None and len(value) < rules.min_length:
        errors.append(
            (
                loc,
                "must not be empty"
                if rules.min_length == 1 and not value
                else f"needs at least {rules.min_length} {unit}, has {len(value)}",
            )
        )
    if rules.max_length is not None and len(value) > rules.max_length:
        errors.append((loc, f"has {len(value)} {unit}; at most {rules.max_length} allowed"))
    for bound, ok, sign in ((rules.ge, operator.ge, "≥"), (rules.gt, operator.gt, ">"), (rules.le, operator.le, "≤")):
        if bound is not None and not ok(value, bound):
            errors.append((loc, f"must be {sign} {bound:g}, got {value:g}"))


# --- JSON Schema -------------------------------------------------------------------------------


def json_schema(cls: type[Record]) -> dict[str, Any]:
    """JSON Schema (2020-12) of `cls`: its own properties, and every nested record under `$defs`."""
    defs: dict[str, Any] = {}
    top = _record_schema(cls, defs)
    return {**top, "$defs": dict(sorted(defs.items()))}


def _record_schema(cls: type[Record], defs: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for f in record_fields(cls):
        prop = _type_schema(f.type, defs, _rules_schema(f.rules, f.type))
        if f.doc:
            prop = {"description": f.doc, **prop}
        if not f.required:
            default = f.default if f.default_factory is MISSING else f.default_factory()
            prop["default"] = default
        properties[f.name] = prop
    schema: dict[str, Any] = {
        "title": cls.__name__,
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if cls.__record_doc__:
        schema["description"] = " ".join(cls.__record_doc__.split())
    required = [f.name for f in record_fields(cls) if f.required]
    if required:
        schema["required"] = required
    return schema


def _type_schema(tp: Any, defs: dict[str, Any], rules: dict[str, Any] | None = None) -> dict[str, Any]:
    """Schema of a type; `rules` (constraints) go on the value itself, inside an optional's anyOf."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    rules = rules or {}
    if isinstance(tp, type) and issubclass(tp, Record):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder: records may nest the same record twice
            defs[tp.__name__] = _record_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin in (Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        if len(arms) == 1:
            return {"anyOf": [_type_schema(arms[0], defs, rules), {"type": "null"}]}
        return {"anyOf": [_type_schema(a, defs) for a in arms] + ([{"type": "null"}] if len(arms) < len(args) else [])}
    if origin is Literal:
        return {"type": "string", "enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs), **rules}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs), **rules}
    return {"type": {str: "string", bool: "boolean", int: "integer", float: "number"}[tp], **rules}


def _rules_schema(rules: Rules, tp: Any) -> dict[str, Any]:
    """Constraints in JSON Schema terms; on an optional value they apply to the value when present."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        arms = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(arms) > 1:
            return {}  # constraints on a field of several kinds would not say which kind they are for
        tp = arms[0]
    base = typing.get_origin(tp)
    many = base in (list, dict)
    names = {
        "pattern": "pattern",
        "ge": "minimum",
        "gt": "exclusiveMinimum",
        "le": "maximum",
        "min_length": "minItems" if many else "minLength",
        "max_length": "maxItems" if many else "maxLength",
    }
    if base is dict:
        names.update(min_length="minProperties", max_length="maxProperties")
    return {names[k]: v for k, v in dataclasses.asdict(rules).items() if v is not None}
