"""A safe evaluator for the arithmetic formulas printed in budget documents.

``evaluate("(820.8-841.05)/800*100%")`` → ``FormulaValue(value=Decimal("-2.53125"), percent=True,
operands=(820.8, 841.05, 800))``. The text is tokenised and parsed by a small recursive-descent
parser over :class:`decimal.Decimal`; nothing is ever handed to ``eval``.

Grammar (after NFKC normalisation, so full-width digits, ``（）``, ``＋－＊／％`` are ASCII)::

    formula := expr [("=" | "≈") anything]        # what follows "=" is the printed result: ignored
    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "×" | "·" | "/" | "÷") unary)*
    unary   := ("+" | "-") unary | primary
    primary := NUMBER ["%"] | "(" expr ")"
    NUMBER  := 1234.56 | 1,234.56                 # thousands commas allowed, no exponent

Percent convention
------------------
* ``N%`` after a number means ``N / 100``: ``"50%*200"`` is 100.
* When the whole formula is a product whose last factor is ``100%`` (``a/b*100%``,
  ``(a/b)×100%``, also inside enclosing parentheses), the ``×100%`` is read as "express as a
  percent", as documents do: :attr:`FormulaValue.value` is the number printed before the "%"
  (``a/b × 100``) and :attr:`FormulaValue.percent` is true. ``value / 100`` is then the
  mathematical value (see :attr:`FormulaValue.fraction`).
* A ``100%`` anywhere else (``a+b*100%``) is just the number 1, and ``percent`` is false.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Literal

from perfnb.base.errors import PerfnbError
from perfnb.base.numbers import STRICT_CONTEXT, NumberFormatError, normalize_text, parse_decimal

__all__ = ["MAX_LENGTH", "FormulaError", "FormulaValue", "evaluate"]

#: Longest formula text accepted, in characters.
MAX_LENGTH = 500
#: Deepest nesting of parentheses and unary signs accepted.
MAX_DEPTH = 50

_HUNDRED = Decimal(100)
_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])|[0-9]+)(?:\.[0-9]+)?")
_MULTIPLY = frozenset("*×·・∙⋅")
_DIVIDE = frozenset("/÷")
_SYMBOLS = frozenset("+-()%") | _MULTIPLY | _DIVIDE
_RESULT_MARKS = ("=", "≈")
#: Compatibility forms NFKC may safely fold (full-width, half-width, no-break space).
_SAFE_FOLDS = ("<wide>", "<narrow>", "<noBreak>")


class FormulaError(PerfnbError, ValueError):
    """Raised when a text is not a formula this module can evaluate; the message (Chinese) quotes it."""


@dataclass(frozen=True)
class FormulaValue:
    """The value of a formula.

    Attributes
    ----------
    value
        The result; in percent units when ``percent`` (``90.43`` for ``a/b*100%``).
    percent
        Whether the formula ended with the "express as percent" factor ``×100%``.
    operands
        The numbers as written, in order of appearance (a unary minus written right before a
        number is part of it; a "%" after it is not applied), without the 100 of ``×100%``.
    """

    value: Decimal
    percent: bool
    operands: tuple[Decimal, ...]

    @property
    def fraction(self) -> Decimal:
        """The mathematical value: ``value / 100`` when ``percent``, else ``value``."""
        if not self.percent:
            return self.value
        with localcontext(STRICT_CONTEXT):
            return self.value / _HUNDRED


# --------------------------------------------------------------------------- syntax tree


@dataclass(frozen=True)
class _Number:
    value: Decimal  # as written, with a unary minus written right before it
    percent: bool  # followed by "%"

    @property
    def is_hundred_percent(self) -> bool:
        return self.percent and self.value == _HUNDRED


@dataclass(frozen=True)
class _Negate:
    operand: _Node


@dataclass(frozen=True)
class _Chain:
    """``first op₁ x₁ op₂ x₂ …`` for one precedence level (all additive or all multiplicative)."""

    first: _Node
    rest: tuple[tuple[str, _Node], ...]


_Node = _Number | _Negate | _Chain


@dataclass(frozen=True)
class _Token:
    kind: Literal["number", "symbol"]
    text: str
    column: int  # 1-based, in the normalised text


# --------------------------------------------------------------------------- evaluation


def evaluate(text: str) -> FormulaValue:
    """Evaluate a printed formula such as ``"1331.1361/1471.9961*100%"`` or ``"(50-2.91)/50"``.

    Parameters
    ----------
    text
        The formula; an ``=`` (or ``≈``) and everything after it (the printed result) is ignored.

    Returns
    -------
    FormulaValue
        Value computed in a 50-digit decimal context, the percent flag (see the module's
        percent convention) and the operands.

    Raises
    ------
    FormulaError
        Anything but numbers, ``+ - * / × ÷ ·``, parentheses and "%": letters, words, ``**``,
        unbalanced parentheses, division by zero, an empty formula, a text over
        :data:`MAX_LENGTH` characters.
    """
    if not isinstance(text, str):
        raise TypeError(f"formula must be a str, not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise _error(text, f"长度 {len(text)} 超过 {MAX_LENGTH} 个字符")
    for char in text:
        tag = unicodedata.decomposition(char).split(" ", 1)[0]
        if tag.startswith("<") and tag not in _SAFE_FOLDS:
            raise _error(text, f"含有不能用于公式的字符“{char}”")
    expression = normalize_text(text)
    for mark in _RESULT_MARKS:
        expression = expression.split(mark, 1)[0]
    tokens = _tokenize(text, expression)
    if not tokens:
        raise _error(text, "没有可计算的算式")
    tree, numbers = _Parser(text, tokens).parse()
    marker: _Number | None = None
    if isinstance(tree, _Chain) and tree.rest and tree.rest[-1][0] in _MULTIPLY:
        last = tree.rest[-1][1]
        if isinstance(last, _Number) and last.is_hundred_percent:
            marker = last
            tree = _Chain(tree.first, tree.rest[:-1]) if len(tree.rest) > 1 else tree.first
    try:
        with localcontext(STRICT_CONTEXT):
            value = _value(text, tree)
            if marker is not None:
                value *= _HUNDRED
    except ArithmeticError as error:  # pragma: no cover - 500 characters cannot overflow 50 digits' exponent
        raise _error(text, f"计算出错（{type(error).__name__}）") from error
    return FormulaValue(value, marker is not None, tuple(n.value for n in numbers if n is not marker))


def _error(text: str, reason: str) -> FormulaError:
    """The error for ``text``: a short text is quoted in the message, a long one is shown (cut) after it."""
    if len(text) <= 60:
        return FormulaError(f"公式“{text}”无法计算：{reason}", value=text)
    return FormulaError(f"公式无法计算：{reason}", value=text)


def _value(text: str, node: _Node) -> Decimal:
    """The value of ``node``; run inside the 50-digit context."""
    if isinstance(node, _Number):
        return node.value / _HUNDRED if node.percent else node.value
    if isinstance(node, _Negate):
        return -_value(text, node.operand)
    result = _value(text, node.first)
    for op, operand in node.rest:
        right = _value(text, operand)
        if op == "+":
            result += right
        elif op == "-":
            result -= right
        elif op in _MULTIPLY:
            result *= right
        elif right == 0:
            raise _error(text, "除数为零")
        else:
            result /= right
    return result


# --------------------------------------------------------------------------- tokens and parser


def _tokenize(text: str, expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(expression):
        char = expression[i]
        if char.isspace():
            i += 1
            continue
        match = _NUMBER.match(expression, i)
        if match:
            tokens.append(_Token("number", match.group(), i + 1))
            i = match.end()
        elif char in _SYMBOLS:
            tokens.append(_Token("symbol", char, i + 1))
            i += 1
        else:
            raise _error(text, f"第 {i + 1} 个字符“{char}”不是数字或运算符")
    return tokens


class _Parser:
    """Recursive descent over the tokens; collects the number literals in order of appearance."""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.position = 0
        self.depth = 0
        self.numbers: list[_Number] = []

    def parse(self) -> tuple[_Node, list[_Number]]:
        node = self.expression()
        token = self.peek()
        if token is not None:
            if token.text == ")":
                raise self.error(f"第 {token.column} 个字符处的“)”没有对应的“(”")
            raise self.error(f"第 {token.column} 个字符处多出“{token.text}”")
        return node, self.numbers

    def error(self, reason: str) -> FormulaError:
        return _error(self.text, reason)

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise self.error("算式不完整（末尾缺少数字或“)”）")
        self.position += 1
        return token

    def expression(self) -> _Node:
        first = self.term()
        rest: list[tuple[str, _Node]] = []
        while (token := self.peek()) is not None and token.text in ("+", "-"):
            self.position += 1
            rest.append((token.text, self.term()))
        return _Chain(first, tuple(rest)) if rest else first

    def term(self) -> _Node:
        first = self.unary()
        rest: list[tuple[str, _Node]] = []
        while (token := self.peek()) is not None and (token.text in _MULTIPLY or token.text in _DIVIDE):
            self.position += 1
            rest.append((token.text, self.unary()))
        return _Chain(first, tuple(rest)) if rest else first

    def unary(self) -> _Node:
        token = self.peek()
        if token is None or token.text not in ("+", "-"):
            return self.primary()
        self.position += 1
        following = self.peek()
        if following is not None and following.kind == "number":
            self.position += 1
            return self.literal(following, negative=token.text == "-")  # the sign belongs to the number
        with self.nested():
            operand = self.unary()
        return _Negate(operand) if token.text == "-" else operand

    def primary(self) -> _Node:
        token = self.take()
        if token.kind == "number":
            return self.literal(token, negative=False)
        if token.text == "(":
            with self.nested():
                node = self.expression()
            closing = self.peek()
            if closing is None or closing.text != ")":
                raise self.error(f"第 {token.column} 个字符处的“(”没有对应的“)”")
            self.position += 1
            return node
        raise self.error(f"第 {token.column} 个字符处的“{token.text}”前缺少数字")

    def literal(self, token: _Token, *, negative: bool) -> _Number:
        """The number ``token`` (already taken), with its sign and an optional "%" after it."""
        try:
            value = parse_decimal(token.text)
        except NumberFormatError as error:  # pragma: no cover - the tokenizer only passes numbers
            raise self.error(f"“{token.text}”不是数字") from error
        following = self.peek()
        percent = following is not None and following.text == "%"
        if percent:
            self.position += 1
        number = _Number(-value if negative else value, percent)
        self.numbers.append(number)
        return number

    def nested(self) -> _Depth:
        return _Depth(self)


class _Depth:
    """Context manager that bounds nesting, so deep parentheses cannot exhaust the stack."""

    def __init__(self, parser: _Parser) -> None:
        self.parser = parser

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            raise self.parser.error(f"括号或正负号嵌套超过 {MAX_DEPTH} 层")

    def __exit__(self, *exc: object) -> None:
        self.parser.depth -= 1
