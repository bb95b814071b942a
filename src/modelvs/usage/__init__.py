"""Usage logs teams already have, read as one stream of normalised records.

`read_log(stream)` detects the format (or takes `input_format=`), and yields `UsageRecord`s:
day, provider and model as the log names them, tokens by kind, requests, price mode and the cost
the log reports. The engine (`engine.reprice`) prices them; nothing here knows the catalog.
"""

from __future__ import annotations

from modelvs.usage.formats import COLUMNS, FORMAT_BY_NAME, FORMATS, LogFormat, read_log, read_logs
from modelvs.usage.plain_csv import parse_columns
from modelvs.usage.record import UsageFormatError, UsageRecord

__all__ = [
    "COLUMNS",
    "FORMATS",
    "FORMAT_BY_NAME",
    "LogFormat",
    "UsageFormatError",
    "UsageRecord",
    "parse_columns",
    "read_log",
    "read_logs",
]
