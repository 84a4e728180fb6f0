"""The native module's private batch functions (the public API is typed in __init__.pyi)."""

import datetime
from typing import Any

def _check_columns(batch: Any) -> list[str]: ...

class _TableValidation:
    def __init__(
        self,
        *,
        today: datetime.date | str,
        lang: str | None = None,
        rule_set: str | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        allow_test_persons: bool = False,
    ) -> None: ...
    def validate_batch(self, batch: Any, first_row: int) -> list[Any]: ...

def _indicator_batch(batch: Any, *, today: datetime.date | str) -> Any: ...
def __getattr__(name: str) -> Any: ...
