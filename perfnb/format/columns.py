"""The cells of the data format: the validators and column types the table models of
:mod:`perfnb.format.schema` are built from, and the Chinese messages of their errors."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Final, get_args

from pydantic import Field, PlainValidator
from pydantic_core import PydanticCustomError

from perfnb.base.errors import invisible_char
from perfnb.base.numbers import NumberFormatError, is_no_value, parse_decimal
from perfnb.base.units import MoneyUnit
from perfnb.format.kinds import DocKind, ExpenseType, FundSource, Horizon, Measure, ProjectKind, Side
from perfnb.format.problems import ProblemCode
from perfnb.format.tables import CONTROL_CHARS

__all__ = ["DEPT_ID_PATTERN", "choices_of", "col", "decimals_of", "error_message"]

DEPT_ID_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
ROW_ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MAX_TEXT: Final = 20_000
MAX_MONEY: Final = Decimal(10) ** 15


# --- cell validators: each raises a PydanticCustomError whose message is for auditors ---
# They are pydantic "plain" validators: each returns the final typed value (pydantic does not
# validate it again against the annotation), which makes a table row a quarter faster to read.


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _required(value: Any) -> Any:
    value = _clean(value)
    if value is None:
        raise PydanticCustomError(ProblemCode.REQUIRED.value, "必填项为空")
    return value


def _text(value: Any) -> str | None:
    if type(value) is str:  # the common case: every CSV cell
        text = value.strip()
    elif isinstance(value, bool | list | tuple | dict):  # YAML: `no` is a boolean, `[a]` a list — not text
        raise PydanticCustomError(ProblemCode.NOT_TEXT.value,
                                  "应为文本，却是 {kind}（YAML 会把 no/yes/on/off 读成真假值：请加引号）",
                                  {"kind": type(value).__name__})  # fmt: skip
    else:
        text = "" if value is None else str(value).strip()
    if not text:
        return None
    if len(text) > MAX_TEXT:
        raise PydanticCustomError(ProblemCode.TOO_LONG.value, "文本过长（超过 {limit} 字）", {"limit": MAX_TEXT})
    if CONTROL_CHARS.search(text):
        raise PydanticCustomError(ProblemCode.CONTROL.value, "文本含有控制字符（如 ESC）；应为普通文本")
    invisible = invisible_char(text)
    if invisible:  # U+202E would turn the report's line around, U+FFFF cannot be written to xlsx
        raise PydanticCustomError(ProblemCode.INVISIBLE.value,
                                  "文本含有不可见的控制字符或非字符 {char}；应为普通文本（删除该字符）",
                                  {"char": invisible})  # fmt: skip
    return text


def _required_text(value: Any) -> str:
    return str(_text(_required(value)))


def _row_id(value: Any) -> str | None:
    text = _text(value)
    if text is not None and not ROW_ID_PATTERN.fullmatch(text):
        raise PydanticCustomError(
            ProblemCode.ID_FORMAT.value, "编号只能用英文字母、数字和 . _ -，以字母或数字开头，最长 64 个字符"
        )
    return text


def _required_id(value: Any) -> str:
    return str(_row_id(_required(value)))


def _id_list(value: Any) -> tuple[str, ...]:
    value = _text(value)
    if value is None:
        return ()
    return tuple(str(_row_id(part)) for part in re.split(r"[;；]", value) if part.strip())


def _money(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and is_no_value(value)):
        return None
    try:
        amount = parse_decimal(str(value))
    except NumberFormatError as exc:
        raise PydanticCustomError(ProblemCode.NUMBER.value, str(exc)) from None
    if amount < 0:
        raise PydanticCustomError(ProblemCode.NEGATIVE.value, "金额或数量不能为负数")
    if amount >= MAX_MONEY:
        raise PydanticCustomError(ProblemCode.MAGNITUDE.value, "数额大得不合理（不小于 10 的 15 次方）")
    return amount


def _signed_number(value: str) -> Decimal:
    try:
        return parse_decimal(value)
    except NumberFormatError as exc:
        raise PydanticCustomError(ProblemCode.NUMBER.value, str(exc)) from None


def _iso_date(value: Any) -> date | None:
    value = _clean(value)
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    try:
        when = date.fromisoformat(text[:10] if re.fullmatch(r"\d{4}-\d\d-\d\d([ T].*)?", text) else text)
    except ValueError:
        raise PydanticCustomError(
            ProblemCode.DATE.value, "“{v}”不是日期；应写作 YYYY-MM-DD，如 2025-12-31", {"v": text}
        ) from None
    if not 1990 <= when.year <= 2100:
        raise PydanticCustomError(ProblemCode.DATE_RANGE.value, "日期年份应在 1990 至 2100 之间")
    return when


def _choice(allowed: tuple[str, ...], *, required: bool = False) -> PlainValidator:
    def check(value: Any) -> str | None:
        value = _required(value) if required else _clean(value)
        if value is None:
            return None
        if value not in allowed:
            raise PydanticCustomError(
                ProblemCode.CHOICE.value,
                "“{v}”不是可选值；可选：{allowed}",
                {"v": value, "allowed": "、".join(allowed)},
            )
        return str(value)

    return PlainValidator(check)


def choices_of(annotation: Any) -> tuple[str, ...]:
    """The allowed values of a ``Literal`` (or ``Literal | None``) annotation."""
    args = get_args(annotation)
    if args and all(isinstance(a, str) for a in args):
        return tuple(args)
    for arg in args:
        inner = choices_of(arg)
        if inner:
            return inner
    return ()


def decimals_of(number: Decimal) -> int:
    """Decimals as written: ``2`` for ``Decimal("93.31")``, ``0`` for ``Decimal("98")``."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


Text = Annotated[str, PlainValidator(_required_text)]
OptText = Annotated[str | None, PlainValidator(_text)]
RowId = Annotated[str, PlainValidator(_required_id)]
OptRowId = Annotated[str | None, PlainValidator(_row_id)]
IdList = Annotated[tuple[str, ...], PlainValidator(_id_list)]
Money = Annotated[Decimal | None, PlainValidator(_money)]
OptDate = Annotated[date | None, PlainValidator(_iso_date)]


ReqDocKind = Annotated[DocKind, _choice(choices_of(DocKind), required=True)]
ReqMoneyUnit = Annotated[MoneyUnit, _choice(choices_of(MoneyUnit), required=True)]
ReqSide = Annotated[Side, _choice(choices_of(Side), required=True)]
ReqHorizon = Annotated[Horizon, _choice(choices_of(Horizon), required=True)]
ReqMeasure = Annotated[Measure, _choice(choices_of(Measure), required=True)]
OptMoneyUnit = Annotated[MoneyUnit | None, _choice(choices_of(MoneyUnit))]
OptFundSource = Annotated[FundSource | None, _choice(choices_of(FundSource))]
OptExpenseType = Annotated[ExpenseType | None, _choice(choices_of(ExpenseType))]
OptProjectKind = Annotated[ProjectKind | None, _choice(choices_of(ProjectKind))]


_MESSAGES = {
    ProblemCode.DECIMAL_PARSING: "应为数字",
    ProblemCode.DECIMAL_TYPE: "应为数字",
    ProblemCode.BOOL_PARSING: "应为 true 或 false",
    ProblemCode.BOOL_TYPE: "应为 true 或 false",
    ProblemCode.VALUE_ERROR: "{error}",
    ProblemCode.MISSING: "缺少必填项",
    ProblemCode.EXTRA_FORBIDDEN: "未知字段（可能拼写有误）",
    ProblemCode.INT_PARSING: "应为整数",
    ProblemCode.INT_TYPE: "应为整数",
    ProblemCode.INT_FROM_FLOAT: "应为整数",
    ProblemCode.GREATER_THAN_EQUAL: "不能小于 {ge}",
    ProblemCode.LESS_THAN_EQUAL: "不能大于 {le}",
    ProblemCode.LITERAL_ERROR: "不是可选值；可选：{expected}",
    ProblemCode.MODEL_TYPE: "应为键值对（映射）",
    ProblemCode.MODEL_ATTRIBUTES_TYPE: "应为键值对（映射）",
    ProblemCode.DICT_TYPE: "应为键值对（映射）",
    ProblemCode.STRING_TYPE: "应为文本",
    ProblemCode.TUPLE_TYPE: "应为列表",
    ProblemCode.LIST_TYPE: "应为列表",
}


def error_message(err: Any) -> str:
    """A pydantic error (one item of ``ValidationError.errors()``) as a Chinese message."""
    template = _MESSAGES.get(err["type"])
    if template is None:
        return str(err["msg"])
    try:
        return template.format(**err.get("ctx", {}))
    except (KeyError, IndexError):
        return template


def col(title: str, description: str, **kw: Any) -> Any:
    """A column: Chinese label and guidance (used by the loader messages and the docs)."""
    return Field(title=title, description=description, **kw)
