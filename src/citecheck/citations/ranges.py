"""Reference numbers written compactly, as in messages and renumbered citations."""

from __future__ import annotations

from collections.abc import Sequence


def compact_numbers(numbers: Sequence[int]) -> str:
    """1,2,3,5 → "1–3, 5"."""
    out: list[str] = []
    nums = sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)
