"""Field docstrings as field descriptions, for what documents the schema (its JSON Schemas).

The string under a field is its documentation. Pydantic can read these itself
(`use_attribute_docstrings`), but only by reading every class's source when it is defined, which
every command would pay for; here they are read only where a schema is written or checked.
"""

from __future__ import annotations

import ast
import inspect
import typing

from pydantic import BaseModel


def field_docs(cls: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring (the string literal right under it), its own and its bases'."""
    docs: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if not (isinstance(base, type) and issubclass(base, BaseModel)) or base is BaseModel:
            continue
        try:
            source = inspect.getsource(base)
        except (OSError, TypeError):
            continue
        [node] = ast.parse(inspect.cleandoc(source) if source[:1].isspace() else source).body
        assert isinstance(node, ast.ClassDef)
        for field, under in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(under, ast.Expr)
                and isinstance(under.value, ast.Constant)
                and isinstance(under.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(under.value.value)
    return docs


def document(cls: type[BaseModel], done: set[type[BaseModel]] | None = None) -> None:
    """Set every field's description from its docstring (where it has none), in `cls` and every
    model it holds, and rebuild them so their JSON Schemas carry the descriptions."""
    done = set() if done is None else done
    if cls in done:
        return
    done.add(cls)
    docs = field_docs(cls)
    for name, info in cls.model_fields.items():
        if info.description is None and name in docs:
            info.description = docs[name]
        for inner in _models_in(info.annotation):
            document(inner, done)
    cls.model_rebuild(force=True)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    found = [annotation] if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found
