"""The plain usage CSV modelvs documents, and any other CSV through a column map (`--columns`).

Header (any order; names compared without case, spaces or underscores):
`date,provider,model,input_tokens,output_tokens,cached_input_tokens,requests`, with optional
`cache_write_tokens` (default time to live), `cache_write_1h_tokens`, `reasoning_tokens`, `batch`
(true/false), `service_tier` (standard, batch, flex, priority) and `cost` (USD, as reported).
`input_tokens` is the whole prompt, cached and written tokens included; `reasoning_tokens` bill on
top of `output_tokens`; a row of several `requests` holds their totals.

`--columns date=Day,model=Model,input_tokens=Prompt,...` reads any other CSV: each field named
above is taken from the column given (the others keep their plain names, where present).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from modelvs.schema.vocab import PriceMode
from modelvs.usage.csvlog import Columns
from modelvs.usage.record import UsageFormatError, UsageRecord, count, day, flag, mode, money
from modelvs.usage.text import LogText, not_text

NAME = "usage-csv"
FIELDS: Mapping[str, tuple[str, ...]] = {
    "date": ("date", "day"),
    "provider": ("provider",),
    "model": ("model",),
    "input_tokens": ("input_tokens",),
    "output_tokens": ("output_tokens",),
    "cached_input_tokens": ("cached_input_tokens", "cached_tokens"),
    "cache_write_tokens": ("cache_write_tokens",),
    "cache_write_1h_tokens": ("cache_write_1h_tokens",),
    "reasoning_tokens": ("reasoning_tokens",),
    "requests": ("requests",),
    "batch": ("batch",),
    "service_tier": ("service_tier", "mode"),
    "cost": ("cost", "cost_usd"),
}
REQUIRED = ("date", "model", "input_tokens", "output_tokens")
_COUNTS = (
    "input_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
    "output_tokens",
    "reasoning_tokens",
    "requests",
)


def detect(head: str, header: list[str] | None) -> bool:
    return header is not None and {"date", "model", "inputtokens", "outputtokens"} <= set(header)


def parse_columns(text: str) -> dict[str, str]:
    """`date=Day,model=Model` -> {"date": "Day", "model": "Model"}; unknown fields are refused."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        field, sep, column = part.partition("=")
        field = field.strip()
        if not sep or not column.strip():
            raise UsageFormatError(f"--columns takes FIELD=COLUMN pairs separated by commas, got {part!r}")
        if field not in FIELDS:
            raise UsageFormatError(f"--columns: unknown field {field!r}; fields: {', '.join(FIELDS)}")
        found[field] = column.strip()
    return found


def read(text: LogText, notes: set[str], columns: Mapping[str, str] | None = None) -> Iterator[UsageRecord]:
    """The records of a plain usage CSV (or of any CSV through `columns`). The header is read at
    once (a file without the columns fails here); the rows as they are consumed."""
    names = {f: ((columns[f],) if columns and f in columns else plain) for f, plain in FIELDS.items()}
    reader = csv.reader(text.lines())
    try:
        header = next(reader, None)
        while header is not None and not header:
            header = next(reader, None)
    except csv.Error as err:
        raise UsageFormatError(f"not valid CSV: {err}", line=reader.line_num) from None
    if header is None:
        return iter(())
    return _rows(reader, Columns(header, names, REQUIRED))


def _rows(reader: Any, cols: Columns) -> Iterator[UsageRecord]:
    # The hot loop of a big log: one pass, cells read without a call each where they parse; a cell
    # that does not is read again by the checked helpers, which name it.
    at = cols.index
    i_date, i_model, i_in, i_out = at["date"], at["model"], at["input_tokens"], at["output_tokens"]
    i_provider = at.get("provider")
    i_cached, i_write, i_write1h = (
        at.get("cached_input_tokens"),
        at.get("cache_write_tokens"),
        at.get("cache_write_1h_tokens"),
    )
    i_reason, i_req = at.get("reasoning_tokens"), at.get("requests")
    i_batch, i_tier, i_cost = at.get("batch"), at.get("service_tier"), at.get("cost")
    indexes = [at.get(f) for f in _COUNTS]
    width = cols.width
    standard, batch_mode = PriceMode.STANDARD, PriceMode.BATCH
    days: dict[str, dt.date] = {}
    new = tuple.__new__  # every field given: skips the named tuple's own (Python) constructor
    try:
        for cells in reader:
            if len(cells) < width:
                if not cells:
                    continue
                raise UsageFormatError(
                    f"{len(cells)} cells where the header has {width}", line=reader.line_num
                )
            try:
                n_in = int(cells[i_in])
                n_out = int(cells[i_out])
                n_cached = int(c) if i_cached is not None and (c := cells[i_cached]) else 0
                n_write = int(c) if i_write is not None and (c := cells[i_write]) else 0
                n_write1h = int(c) if i_write1h is not None and (c := cells[i_write1h]) else 0
                n_reason = int(c) if i_reason is not None and (c := cells[i_reason]) else 0
                n_req = int(c) if i_req is not None and (c := cells[i_req]) else 1
                bad = (
                    n_in < n_cached + n_write + n_write1h
                    or (n_cached | n_write | n_write1h | n_out | n_reason | n_req) < 0
                )
            except ValueError:
                bad = True
            if bad:
                n_in, n_cached, n_write, n_write1h, n_out, n_reason, n_req = _counts(
                    cells, indexes, reader.line_num
                )
            billed = standard
            if i_batch is not None:
                is_batch = _FLAGS.get(cells[i_batch])
                if is_batch is None:
                    is_batch = flag(cells[i_batch], reader.line_num, "batch")
                if is_batch:
                    billed = batch_mode
            if i_tier is not None and billed is standard:
                billed = mode(cells[i_tier], False, reader.line_num, "service_tier")
            reported = None
            if i_cost is not None and (c := cells[i_cost]):
                try:
                    reported = Decimal(c)
                except InvalidOperation:
                    reported = None
                if reported is None or not reported.is_finite():
                    reported = money(c, reader.line_num, "cost")
            when = days.get(c := cells[i_date])
            if when is None:
                when = days[c] = day(c, reader.line_num, "date")
                if len(days) > 10_000:
                    days.clear()
            yield new(
                UsageRecord,
                (
                    reader.line_num,
                    when,
                    (cells[i_provider] or None) if i_provider is not None else None,
                    cells[i_model],
                    n_in,
                    n_cached,
                    n_write,
                    n_write1h,
                    n_out,
                    n_reason,
                    n_req,
                    billed,
                    reported,
                    None,
                    0,
                    None,
                ),
            )

    except csv.Error as err:
        raise UsageFormatError(f"not valid CSV: {err}", line=reader.line_num) from None
    except UnicodeDecodeError as err:
        raise not_text(err) from None


_FLAGS = {"true": True, "false": False, "": False, "1": True, "0": False, "True": True, "False": False}


def _counts(cells: list[str], at: list[int | None], line: int) -> tuple[int, int, int, int, int, int, int]:
    """The counts of a row, each checked: the first bad cell is a `UsageFormatError` naming it."""
    values = [count(cells[i], line, f) if i is not None else 0 for f, i in zip(_COUNTS, at, strict=True)]
    if at[-1] is None or cells[at[-1]] == "":  # requests: one per row unless the log says
        values[-1] = 1
    n_in, n_cached, n_write, n_write1h = values[:4]
    if n_in < n_cached + n_write + n_write1h:
        raise UsageFormatError(
            f"cached and cache-write tokens ({n_cached + n_write + n_write1h:,}) exceed the input tokens"
            f" ({n_in:,}) they are part of",
            line=line,
            field="input_tokens",
        )
    return values[0], values[1], values[2], values[3], values[4], values[5], values[6]
