"""Reference numbers written compactly, as in messages and renumbered citations."""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import RefKey


def compact_numbers(numbers: Sequence[RefKey]) -> str:
    """1,2,3,5 → "1–3, 5"; cite keys are listed as they are ("a, b")."""
    if not all(isinstance(n, int) for n in numbers):
        return ", ".join(str(n) for n in dict.fromkeys(numbers))
    out: list[str] = []
    nums = sorted({n for n in numbers if isinstance(n, int)})
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)
