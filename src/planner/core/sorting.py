"""One sort of integer keys in ``np.lexsort``'s order, several times faster on the lines of a period."""

from __future__ import annotations

import numpy as np


def lexsort(keys) -> np.ndarray:
    """The order ``np.lexsort(keys)`` gives (integer keys, the last one sorting first; ties keep
    their order): sorting one int64 number made of the keys is several times faster, when they
    fit in it."""
    keys = [np.asarray(key, dtype="int64") for key in keys]
    if not len(keys[0]):
        return np.zeros(0, dtype=np.intp)
    parts = [key - key.min() for key in keys]
    bits = [max(int(part.max()), 1).bit_length() for part in parts]
    if sum(bits) > 62:
        return np.lexsort(keys)
    number = parts[-1]
    for part, width in zip(parts[-2::-1], bits[-2::-1]):
        number = (number << width) | part
    order = np.argsort(number)
    ordered = number[order]
    if (ordered[1:] == ordered[:-1]).any():  # ties keep their order
        return np.argsort(number, kind="stable")
    return order
