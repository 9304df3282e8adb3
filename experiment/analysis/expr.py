"""Arithmetic expressions as written in a trace, and their evaluation.

A claim such as "4567 x (800 + 90 + 2)" is kept as a small tree whose leaves remember where each
number was written. Evaluating the same tree twice, once with the numbers as the model wrote them and
once with the values they should have had, is what separates a local error from a propagated one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Union


@dataclass(slots=True, eq=False)
class Num:
    """A number as written: its value, its character span, and a hint ("carry") from nearby words."""

    value: int
    start: int
    end: int
    role: str = ""


@dataclass(slots=True, eq=False)
class Sum:
    """Signed terms: [(+1, node), (-1, node), ...]."""

    terms: list[tuple[int, "Node"]] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Product:
    factors: list["Node"] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Quotient:
    dividend: "Node"
    divisor: "Node"


Node = Union[Num, Sum, Product, Quotient]
Value = Union[int, Fraction]


def leaves(node: Node) -> list[Num]:
    """The numbers of an expression in writing order."""
    if isinstance(node, Num):
        return [node]
    if isinstance(node, Sum):
        terms = [term for _, term in node.terms]
        for term in terms:
            if not isinstance(term, Num):
                return [leaf for term in terms for leaf in leaves(term)]
        return terms  # (most sums are of numbers: no call per term)
    if isinstance(node, Product):
        factors = node.factors
        for factor in factors:
            if not isinstance(factor, Num):
                return [leaf for factor in factors for leaf in leaves(factor)]
        return list(factors)  # (most products are of numbers: no call per factor)
    return leaves(node.dividend) + leaves(node.divisor)


def evaluate(node: Node, value_of: Callable[[Num], int]) -> Value | None:
    """Value of the tree with each leaf read through `value_of`; None for a division by zero."""
    if isinstance(node, Num):
        return value_of(node)
    if isinstance(node, Sum):
        total: Value = 0
        for sign, term in node.terms:
            value = evaluate(term, value_of)
            if value is None:
                return None
            total += sign * value
        return total
    if isinstance(node, Product):
        result: Value = 1
        for factor in node.factors:
            value = evaluate(factor, value_of)
            if value is None:
                return None
            result *= value
        return result
    dividend = evaluate(node.dividend, value_of)
    divisor = evaluate(node.divisor, value_of)
    if dividend is None or not divisor:
        return None
    quotient = Fraction(dividend) / Fraction(divisor)
    return int(quotient) if quotient.denominator == 1 else quotient


def has_operator(node: Node) -> bool:
    return not isinstance(node, Num)


def is_flat_sum(node: Node) -> bool:
    """A sum whose terms are all plain numbers, e.g. "800 + 90 + 2"."""
    return isinstance(node, Sum) and all(isinstance(term, Num) for _, term in node.terms)
