"""generator/typed.py: every kind of wrong value is refused with its data path, all at once."""

from __future__ import annotations

from typing import Literal

import pytest

from generator.typed import DataPath, Invalid, Record, json_schema, parse, record_fields, spec


class Leaf(Record):
    """A nested record."""

    name: str = spec(min_length=1, max_length=5)
    count: int = spec(default=1, ge=1, le=9)


class Tree(Record):
    id: str = spec(pattern=r"^[a-z]+$")
    ratio: float = spec(default=0.5, gt=0, le=1)
    flag: bool = False
    colour: Literal["red", "blue"] = "red"
    note: str | None = spec(default=None, pattern=r"^n")
    leaves: list[Leaf] = spec(default_factory=list)
    tags: dict[str, bool] = spec(min_length=1)
    leaf: Leaf | None = None

    def problems(self) -> list[tuple[DataPath, str]]:
        return [(("flag",), "flag needs a leaf")] if self.flag and self.leaf is None else []


GOOD = {"id": "oak", "tags": {"tall": True}}


def errors(data: dict) -> list[tuple[DataPath, str]]:
    with pytest.raises(Invalid) as info:
        parse(Tree, data)
    return info.value.errors


def test_valid_data_becomes_a_frozen_record_with_defaults() -> None:
    tree = parse(Tree, {**GOOD, "leaves": [{"name": " ash "}], "ratio": 1})
    assert tree.leaves[0] == Leaf(name="ash", count=1), "text is stripped, defaults filled"
    assert tree.ratio == 1.0 and isinstance(tree.ratio, float)
    assert (tree.colour, tree.note, tree.leaf, tree.flag) == ("red", None, None, False)
    with pytest.raises(AttributeError):
        tree.id = "elm"  # type: ignore[misc]


@pytest.mark.parametrize(
    "change, where, message",
    [
        ({"id": 3}, ("id",), "expected text, got the number 3 — put the text in quotes"),
        ({"id": ["a"]}, ("id",), "expected text, got a list"),
        ({"id": "Oak"}, ("id",), "'Oak' does not match the pattern ^[a-z]+$"),
        ({"flag": "yes please"}, ("flag",), "expected true or false, got the text 'yes please'"),
        ({"ratio": True}, ("ratio",), "expected a number, got true"),
        ({"ratio": 0}, ("ratio",), "must be > 0, got 0"),
        ({"ratio": 2}, ("ratio",), "must be ≤ 1, got 2"),
        ({"colour": "green"}, ("colour",), "must be one of: red, blue (got the text 'green')"),
        ({"note": "x"}, ("note",), "'x' does not match the pattern ^n"),
        ({"leaves": {"name": "x"}}, ("leaves",), "expected a list, got a mapping"),
        ({"leaves": [{"name": "   "}]}, ("leaves", 0, "name"), "must not be empty"),
        ({"leaves": [{"name": "abcdef"}]}, ("leaves", 0, "name"), "has 6 characters; at most 5 allowed"),
        ({"leaves": [{"name": "a", "count": 0}]}, ("leaves", 0, "count"), "must be ≥ 1, got 0"),
        (
            {"leaves": [{"name": "a", "count": 1.5}]},
            ("leaves", 0, "count"),
            "expected a whole number, got the number 1.5",
        ),
        ({"leaves": [{"name": "a", "nme": "b"}]}, ("leaves", 0, "nme"), "unknown field (typo? did you mean 'name'?)"),
        ({"leaves": [{"name": "a", "colour": "b"}]}, ("leaves", 0, "colour"), "unknown field (typo?)"),
        ({"leaves": [{}]}, ("leaves", 0, "name"), "field required"),
        ({"leaves": ["a"]}, ("leaves", 0), "expected a mapping, got the text 'a'"),
        ({"tags": {}}, ("tags",), "must not be empty"),
        ({"tags": {"tall": "no"}}, ("tags", "tall"), "expected true or false, got the text 'no'"),
        ({"leaf": None, "flag": True}, ("flag",), "flag needs a leaf"),
        ({"id": None}, ("id",), "expected text, got nothing (null)"),
    ],
)
def test_each_wrong_value_is_named_at_its_path(change: dict, where: DataPath, message: str) -> None:
    assert errors({**GOOD, **change}) == [(where, message)]


def test_every_problem_is_reported_at_once_in_data_order() -> None:
    found = errors({"idd": "x", "ratio": "half", "leaves": [{"name": ""}, {"name": "ok", "extra": 1}]})
    assert found == [
        (("idd",), "unknown field (typo? did you mean 'id'?)"),
        (("id",), "field required"),
        (("ratio",), "expected a number, got the text 'half'"),
        (("leaves", 0, "name"), "must not be empty"),
        (("leaves", 1, "extra"), "unknown field (typo?)"),
        (("tags",), "field required"),
    ]


def test_record_checks_run_only_on_otherwise_valid_records() -> None:
    """`problems()` may assume its fields are well-typed, so a broken record never reaches it."""
    assert errors({**GOOD, "flag": True, "ratio": 5}) == [(("ratio",), "must be ≤ 1, got 5")]


@pytest.mark.parametrize(
    "value, ok",
    [
        (True, {bool}),
        (1, {int, float}),
        (1.5, {float}),
        ("x", {str}),
        (None, set()),
        ([], {list}),
        ({}, {dict}),
    ],
)
def test_scalar_types_never_coerce(value: object, ok: set[type]) -> None:
    """YAML's `1`, `true` and `"1"` stay what they are: only an int may stand for a float."""

    class Box(Record):
        s: str | None = None
        b: bool | None = None
        i: int | None = None
        f: float | None = None
        items: list[int] | None = None
        mapping: dict[str, int] | None = None

    targets = {"s": str, "b": bool, "i": int, "f": float, "items": list, "mapping": dict}
    for name, tp in targets.items():
        accepted = True
        try:
            parse(Box, {name: value})
        except Invalid:
            accepted = False
        assert accepted == (value is None or tp in ok), (name, value)


def test_record_fields_exclude_computed_ones() -> None:
    from generator.model import KnowledgeBase

    names = [f.name for f in record_fields(KnowledgeBase)]
    assert not [n for n in names if n.startswith("_")] and names[0] == "sources" and "quiz" in names


def test_json_schema_mirrors_the_records() -> None:
    schema = json_schema(Tree)
    assert schema["required"] == ["id", "tags"] and schema["additionalProperties"] is False
    props = schema["properties"]
    assert props["id"] == {"type": "string", "pattern": "^[a-z]+$"}
    assert props["ratio"] == {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.5}
    assert props["colour"] == {"type": "string", "enum": ["red", "blue"], "default": "red"}
    assert props["note"] == {"anyOf": [{"type": "string", "pattern": "^n"}, {"type": "null"}], "default": None}
    assert props["leaves"] == {"type": "array", "items": {"$ref": "#/$defs/Leaf"}, "default": []}
    assert props["tags"] == {"type": "object", "additionalProperties": {"type": "boolean"}, "minProperties": 1}
    leaf = schema["$defs"]["Leaf"]
    assert leaf["description"] == "A nested record." and "description" not in schema
    assert leaf["properties"]["name"] == {"type": "string", "minLength": 1, "maxLength": 5}
    assert leaf["properties"]["count"] == {"type": "integer", "minimum": 1, "maximum": 9, "default": 1}
    assert list(schema["$defs"]) == ["Leaf"], "a record used twice is defined once"


def test_a_union_of_several_kinds_takes_the_arm_of_the_values_kind() -> None:
    """A rule's answer is true/false, an option id or a list of them: the value's own kind picks the arm."""

    class Either(Record):
        value: bool | str | list[bool | str] | None = None

    assert parse(Either, {"value": True}).value is True
    assert parse(Either, {"value": "yes"}).value == "yes"
    assert parse(Either, {"value": ["a", False]}).value == ["a", False]
    assert parse(Either, {"value": None}).value is None
    with pytest.raises(Invalid) as bad:
        parse(Either, {"value": 3})
    assert bad.value.errors == [(("value",), "expected true or false or text or a list, got the number 3")]
    with pytest.raises(Invalid) as inner:
        parse(Either, {"value": ["a", 3]})
    assert inner.value.errors == [(("value", 1), "expected true or false or text, got the number 3")]
    assert json_schema(Either)["properties"]["value"]["anyOf"] == [
        {"type": "boolean"},
        {"type": "string"},
        {"type": "array", "items": {"anyOf": [{"type": "boolean"}, {"type": "string"}]}},
        {"type": "null"},
    ]


def test_a_union_of_two_arms_of_one_kind_is_refused() -> None:
    class Either(Record):
        value: list[int] | list[str] = spec(default_factory=list)

    with pytest.raises(TypeError, match="different kinds"):
        parse(Either, {"value": [1]})


def test_field_docs_become_schema_descriptions() -> None:
    class Documented(Record):
        name: str = spec(min_length=1, doc="What it is called.")
        note: str | None = spec(default=None, doc="Anything else.")

    props = json_schema(Documented)["properties"]
    assert props["name"] == {"description": "What it is called.", "type": "string", "minLength": 1}
    assert props["note"]["description"] == "Anything else."


def test_every_field_people_fill_in_by_hand_is_explained_in_the_schema() -> None:
    """Hover help in editors for the fields whose meaning is not obvious from their name."""
    from generator.schema import knowledge_file_schema

    defs = knowledge_file_schema()["$defs"]
    for record, name in [
        ("Fact", "yes"),
        ("Fact", "probing"),
        ("Rule", "when"),
        ("Scenario", "expect"),
        ("QuizConfig", "per_topic"),
        ("Quote", "line"),
        ("Kind", "cites"),
        ("Kind", "synthesis"),
    ]:
        assert defs[record]["properties"][name].get("description"), (record, name)
