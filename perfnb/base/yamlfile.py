"""Reading perfnb's YAML files (department.yaml, scheme.yaml): safe, strict, with line numbers.

Safe loading only (a tag such as ``!!python/object`` is refused, nothing is constructed from
it); a key written twice is an error (YAML would silently keep the last one); a document nested
too deeply is refused rather than crashing. Errors are :class:`~perfnb.base.errors.DataFileError`
with the file, the line and a Chinese message.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode

from perfnb.base.errors import DataFileError

__all__ = ["key_lines", "read_yaml"]


class _UniqueKeys:
    """Loader mixin refusing duplicate keys."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if not isinstance(key, str | int | float | bool | None):
                continue
            if key in seen:
                raise ConstructorError(
                    None, None, f"键 {key} 重复（第 {seen[key]} 行已有）", key_node.start_mark
                )  # fmt: skip
            seen[key] = key_node.start_mark.line + 1
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        return mapping


class _StrictLoader(_UniqueKeys, yaml.SafeLoader):
    """PyYAML's safe loader, refusing duplicate keys (its error marks are the ones we report)."""


_Fast: Any = getattr(yaml, "CSafeLoader", None)
_FastStrictLoader: Any = type("_FastStrictLoader", (_UniqueKeys, _Fast), {}) if _Fast else _StrictLoader


def read_yaml(text: str, file: str) -> Any:
    """Parse ``text`` (the content of ``file``) as plain YAML data; raise DataFileError with the line.

    libyaml reads it when available (ten times faster); a file it refuses is read again by
    PyYAML, whose error marks and messages are the ones reported.
    """
    if _Fast is not None:
        try:
            return yaml.load(text, Loader=_FastStrictLoader)
        except (yaml.YAMLError, RecursionError):
            pass
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where an unclosed quote or bracket opened
        raise DataFileError(
            f"YAML 格式错误：{_problem(exc)}",
            file=file,
            row=mark.line + 1 if mark else None,
            expected="合法的 YAML（键: 值）；只接受普通数据，不接受标签",
        ) from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"YAML 格式错误：{str(exc).splitlines()[0]}", file=file) from None
    except RecursionError:
        raise DataFileError("YAML 嵌套过深", file=file, expected="不超过几层的键值对") from None


def _problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "constructor for the tag" in problem:
        tag = re.search(r"'([^']+)'", problem)
        return f"不允许的标签 {tag.group(1) if tag else ''}（只接受普通数据）"
    if exc.context and exc.context_mark and exc.context_mark is not exc.problem_mark:
        return f"{exc.context}：{problem}"
    return problem


def key_lines(text: str) -> dict[str, int]:
    """Line numbers (1-based) of the top-level keys of a YAML mapping (empty if it is not one)."""
    try:
        node = yaml.compose(text, Loader=_Fast or yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return {}
    if not isinstance(node, MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
