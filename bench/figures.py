"""A benchmark figure as docs/benchmarks.json lists it: ``{name, value, unit, target, met}``."""

import statistics
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    # A human-readable bound such as ">= 0.8", or None for a figure that only informs.
    target: str | None = None
    met: bool | None = None
    description: str = ""

    def as_json(self) -> dict:
        return asdict(self)


def at_least(name: str, value: float, unit: str, floor: float, description: str = "") -> Figure:
    return Figure(name, round(value, 3), unit, f">= {floor:g}", value >= floor, description)


def below(name: str, value: float, unit: str, ceiling: float, description: str = "") -> Figure:
    return Figure(name, round(value, 3), unit, f"< {ceiling:g}", value < ceiling, description)


def informative(name: str, value: float, unit: str, description: str = "") -> Figure:
    return Figure(name, round(value, 3), unit, description=description)


def median(values) -> float:
    return statistics.median(list(values))
