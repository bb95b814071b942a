"""The streaming JSON reader: items of a member array, with the line each starts on, whatever the
chunk boundaries; malformed JSON names its line."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from modelvs.usage.jsonstream import items
from modelvs.usage.record import UsageFormatError

DOC = """{
  "object": "page",
  "data": [
    {"a": 1, "cost": 0.10},
    {"a": 22,
     "b": [1, 2, {"c": "x\\ny"}]},
    {"a": 333}
  ],
  "has_more": false
}
"""


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 10_000])
def test_items_are_the_member_arrays_elements_with_their_first_line(size: int) -> None:
    found = list(items(_chunks(DOC, size), ("data",)))
    assert [line for line, _ in found] == [4, 5, 7]
    assert [item["a"] for _, item in found] == [1, 22, 333]
    assert found[0][1]["cost"] == Decimal("0.10")  # as written, never a float
    assert found[1][1]["b"][2] == {"c": "x\ny"}


def test_json_lines_and_top_level_arrays_read_every_value() -> None:
    pages = json.dumps({"data": [{"a": 1}]}) + "\n" + json.dumps({"data": [{"a": 2}, {"a": 3}]}) + "\n"
    assert [(line, i["a"]) for line, i in items(_chunks(pages, 5), ("data",))] == [(1, 1), (2, 2), (2, 3)]
    rows = '[{"a": 1},\n {"a": 2}]'
    assert [(line, i["a"]) for line, i in items([rows], ())] == [(1, 1), (2, 2)]


def test_nested_paths_stream_the_innermost_array() -> None:
    doc = '{"outer": [{"x": 0, "inner": [{"v": 1}, {"v": 2}]}, {"inner": []}, {"inner": [{"v": 3}]}]}'
    assert [i["v"] for _, i in items(_chunks(doc, 4), ("outer", "inner"))] == [1, 2, 3]


def test_a_number_cut_by_a_chunk_boundary_is_read_whole() -> None:
    doc = '{"has_more": 123456789, "data": [{"n": 987654321}]}'
    for size in range(1, 12):
        assert [i["n"] for _, i in items(_chunks(doc, size), ("data",))] == [987654321]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n  "data": [\n    {"a": 1},\n    {"a": }\n  ]\n}', 4),
        ('{\n  "data": [\n    {"a": 1}\n    {"a": 2}\n  ]\n}', 4),
        ('{\n  "data": [\n    {"a": 1}', 3),
        ('{\n  "data": 5\n}\n[1]', 4),
    ],
)
def test_malformed_json_names_its_line(text: str, line: int) -> None:
    with pytest.raises(UsageFormatError) as err:
        list(items(_chunks(text, 3), ("data",)))
    assert err.value.line == line, str(err.value)
