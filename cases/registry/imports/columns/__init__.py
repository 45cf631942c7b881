"""Column types of an extract (docs/formats/): each checks a whole column at once, and walks it value by
value only when that quick check fails, to say which line is wrong and why.

Split by kind: base.py (Column), text.py (Text, Kana), values.py (Date, Integer, Choice), identifiers.py
(MyNumberColumn, PensionNo); every type is re-exported here, where callers import them from."""

from cases.registry.imports.columns.base import Column
from cases.registry.imports.columns.identifiers import MyNumberColumn, PensionNo
from cases.registry.imports.columns.text import Kana, Text
from cases.registry.imports.columns.values import FIRST_YEAR, Choice, Date, Integer

__all__ = ["FIRST_YEAR", "Choice", "Column", "Date", "Integer", "Kana", "MyNumberColumn", "PensionNo", "Text"]
