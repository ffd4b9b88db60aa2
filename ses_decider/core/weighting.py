"""Other ways to get weights: rank order (ROC), swing weighting and pairwise comparison (AHP).

Every method returns shares summing to 1; :func:`shares_to_weights` turns them into 0-10 weights
the user can still edit. :func:`parse_weighting_file` reads the CLI's ranking and pairwise files.
numpy and jsonschema are imported inside the functions that need them.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from ses_decider.resources import load_json

# Saaty's random consistency index by matrix size (n = 3..11); n = 1, 2 are always consistent.
RANDOM_INDEX = {3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49, 11: 1.51}
CR_LIMIT = 0.10
# The 17 values of Saaty's 1-9 scale and their reciprocals. 0.111 admits 1/9 typed as a decimal.
SAATY_SCALE = tuple([1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])
JUDGEMENT_MIN, JUDGEMENT_MAX = 0.111, 9.0
FORMATS = {
    "ses-decider/ranking": "ranking.schema.json",
    "ses-decider/pairwise": "pairwise.schema.json",
}


class WeightingError(ValueError):
    """Input a weighting method cannot use; the message is one line and names the problem."""


@dataclass(frozen=True)
class AhpResult:
    """Weights from pairwise comparisons and how consistent the judgements were."""

    weights: dict[str, float]  # shares summing to 1
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    # (a, b, current value, suggested value) for the judgement whose change lowers CR most, or
    # None when CR <= 0.10. Values read "a is this many times more important than b".
    most_inconsistent: tuple[str, str, float, float] | None

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio <= CR_LIMIT


def _is_number(value: object) -> bool:
    # numbers.Real also admits numpy scalars; bool is a Real in Python but never a number here.
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _check_ids(ids: list[str], what: str) -> None:
    if len(ids) < 2:
        raise WeightingError(f"{what} needs at least 2 factors, got {len(ids)}")
    seen: set[str] = set()
    for factor_id in ids:
        if not isinstance(factor_id, str) or not factor_id:
            raise WeightingError(f"{what}: factor ids must be non-empty text, got {factor_id!r}")
        if factor_id in seen:
            raise WeightingError(f"{what}: factor {factor_id!r} is listed twice")
        seen.add(factor_id)


def rank_order_centroid(order: list[str]) -> dict[str, float]:
    """Rank-order centroid weights, most important first: w_i = (1/n) * sum_{k=i..n} 1/k."""
    order = list(order)
    _check_ids(order, "ranking")
    n = len(order)
    tail = 0.0
    weights: dict[str, float] = {}
    for i in range(n, 0, -1):  # accumulate the tail sum from the least important up
        tail += 1.0 / i
        weights[order[i - 1]] = tail / n
    return {factor_id: weights[factor_id] for factor_id in order}


def swing(points: Mapping[str, float]) -> dict[str, float]:
    """Swing weights: the most valued swing is rated 100, the others 0..100 against it; returns shares."""
    _check_ids(list(points), "swing weighting")
    for factor_id, value in points.items():
        if not _is_number(value) or not 0.0 <= value <= 100.0:
            raise WeightingError(
                f"swing points for {factor_id!r} must be between 0 and 100, got {value!r}"
            )
    total = float(sum(points.values()))
    if total <= 0:
        raise WeightingError("all swing points are 0: rate the most valued swing 100")
    return {factor_id: float(value) / total for factor_id, value in points.items()}


def shares_to_weights(shares: Mapping[str, float]) -> dict[str, float]:
    """Editable 0-10 weights from shares: the largest share becomes 10, the rest proportional.

    Rounded to 1 decimal; a positive share never rounds down to 0 (it becomes 0.1) so no factor
    silently drops out of the score.
    """
    if not shares:
        raise WeightingError("no shares to turn into weights")
    for factor_id, value in shares.items():
        if not _is_number(value) or value < 0:
            raise WeightingError(f"share for {factor_id!r} must be a number >= 0, got {value!r}")
    top = max(shares.values())
    if top <= 0:
        raise WeightingError("all shares are 0: there is nothing to weigh")
    result = {}
    for factor_id, value in shares.items():
        weight = round(10.0 * value / top, 1)
        result[factor_id] = 0.1 if value > 0 and weight == 0 else weight
    return result


def _ahp_matrix(factors: list[str], judgements: Mapping[tuple[str, str], float]):
    """Validate the judgements and build the reciprocal matrix (numpy array)."""
    import numpy as np

    _check_ids(factors, "pairwise comparison")
    index = {factor_id: i for i, factor_id in enumerate(factors)}
    n = len(factors)
    matrix = np.ones((n, n))
    given: set[frozenset[str]] = set()
    for key, value in judgements.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise WeightingError(f"a judgement must be keyed by a pair of factor ids, got {key!r}")
        a, b = key
        for factor_id in (a, b):
            if factor_id not in index:
                raise WeightingError(f"judgement ({a}, {b}) names unknown factor {factor_id!r}")
        if a == b:
            raise WeightingError(f"judgement ({a}, {b}) compares a factor with itself")
        pair = frozenset(key)
        if pair in given:
            raise WeightingError(f"the pair ({a}, {b}) is judged twice")
        given.add(pair)
        if not _is_number(value) or not JUDGEMENT_MIN <= value <= JUDGEMENT_MAX:
            raise WeightingError(f"judgement ({a}, {b}) = {value!r} is outside 1/9..9")
        matrix[index[a], index[b]] = value
        matrix[index[b], index[a]] = 1.0 / value
    for a, b in combinations(factors, 2):
        if frozenset((a, b)) not in given:
            raise WeightingError(f"missing judgement for the pair ({a}, {b})")
    return matrix


def _ratio(lambda_max: float, n: int) -> tuple[float, float]:
    """(consistency index, consistency ratio); rounding can put lambda a hair below n, so floor at 0."""
    if n < 3:
        return 0.0, 0.0
    ci = max(0.0, (lambda_max - n) / (n - 1))
    return ci, ci / RANDOM_INDEX.get(n, RANDOM_INDEX[11])  # n > 11: the largest tabled index


def ahp(factors: list[str], judgements: Mapping[tuple[str, str], float]) -> AhpResult:
    """Weights from pairwise judgements: the principal eigenvector of the reciprocal matrix.

    ``judgements[(a, b)] = v`` means a is v times as important as b (1/9..9); every pair of
    ``factors`` exactly once, in either orientation. CR = CI / RI(n) with Saaty's random index (for
    n > 11 the n = 11 value, which slightly overstates CR). When CR > 0.10 every judgement is tried at
    each of the 17 scale values and the single change that lowers CR most is suggested.
    """
    import numpy as np

    factors = list(factors)
    matrix = _ahp_matrix(factors, judgements)
    n = len(factors)
    values, vectors = np.linalg.eig(matrix)
    top = int(np.argmax(values.real))
    # Perron-Frobenius: the principal eigenvector of a positive matrix is real and one-signed.
    vector = np.abs(vectors[:, top].real)
    shares = vector / vector.sum()
    lambda_max = float(values[top].real)
    ci, cr = _ratio(lambda_max, n)
    hint = None
    if cr > CR_LIMIT:
        hint = _best_fix(factors, judgements, matrix, cr)
    return AhpResult(
        weights={factor_id: float(share) for factor_id, share in zip(factors, shares, strict=True)},
        lambda_max=lambda_max,
        consistency_index=ci,
        consistency_ratio=cr,
        most_inconsistent=hint,
    )


def _best_fix(factors, judgements, matrix, cr_now: float) -> tuple[str, str, float, float] | None:
    """Try every judgement at every scale value (one batched eigenvalue call); keep the best."""
    import numpy as np

    index = {factor_id: i for i, factor_id in enumerate(factors)}
    n = len(factors)
    keys = list(judgements)
    scale = np.array(SAATY_SCALE)
    stack = np.repeat(matrix[None, :, :], len(keys) * len(scale), axis=0)
    for p, (a, b) in enumerate(keys):
        rows = slice(p * len(scale), (p + 1) * len(scale))
        stack[rows, index[a], index[b]] = scale
        stack[rows, index[b], index[a]] = 1.0 / scale
    lambdas = np.linalg.eigvals(stack).real.max(axis=1)
    best: tuple[float, float, int, float] | None = None
    for p, (a, b) in enumerate(keys):
        current = float(judgements[(a, b)])
        for s, value in enumerate(SAATY_SCALE):
            cr = _ratio(float(lambdas[p * len(scale) + s]), n)[1]
            # Ties go to the smaller change of mind (distance on the log scale).
            candidate = (round(cr, 12), abs(math.log(value / current)), p, value)
            if best is None or candidate < best:
                best = candidate
    if best is None or best[0] >= cr_now or best[1] < 1e-9:
        return None
    a, b = keys[best[2]]
    return a, b, float(judgements[(a, b)]), best[3]


def _first_non_finite(data: object, path: tuple = ()) -> tuple | None:
    if isinstance(data, float) and not math.isfinite(data):
        return path
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        found = _first_non_finite(value, (*path, key))
        if found is not None:
            return found
    return None


def _where(path) -> str:
    return "/".join(str(part) for part in path) or "top level"


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _validate(data: object) -> str:
    """Check a weighting file against its JSON Schema; return its format."""
    import jsonschema

    bad = _first_non_finite(data)
    if bad is not None:
        raise WeightingError(f"{_where(bad)}: NaN and Infinity are not numbers here")
    if not isinstance(data, dict):
        raise WeightingError("top level: a weighting file must be a JSON object")
    fmt = data.get("format")
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise WeightingError(f"format: must be one of {', '.join(sorted(FORMATS))}, got {fmt!r}")
    validator = jsonschema.Draft202012Validator(load_json(FORMATS[fmt]))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        message = error.message
        if error.validator == "const":  # jsonschema's "1 was expected" does not say what came
            message = f"expected {error.validator_value!r}, got {error.instance!r}"
        raise WeightingError(f"{_where(error.absolute_path)}: {_one_line(message)}")
    return fmt


def _known(ids: list[str], known_ids: set[str], field: str) -> None:
    for i, factor_id in enumerate(ids):
        if factor_id not in known_ids:
            raise WeightingError(f"{field}/{i}: unknown factor id {factor_id!r}")
        if factor_id in ids[:i]:
            raise WeightingError(f"{field}/{i}: factor {factor_id!r} is listed twice")


def parse_weighting_file(data: dict, known_ids: set[str]) -> tuple[str, dict]:
    """Read a ranking or pairwise file (already parsed JSON) into ``(method, result)``.

    ``result`` is ``{"method": "rank"|"pairwise", "weights": {id: share}, "consistency_ratio": x
    or None}``, plus ``"lambda_max"`` and ``"most_inconsistent"`` ({"a", "b", "value",
    "suggested"} or None) for pairwise files. Raises :class:`WeightingError` naming the field.
    """
    fmt = _validate(data)
    if fmt == "ses-decider/ranking":
        order = list(data["order"])
        _known(order, known_ids, "order")
        return "rank", {
            "method": "rank",
            "weights": rank_order_centroid(order),
            "consistency_ratio": None,
        }
    factors = list(data["factors"])
    _known(factors, known_ids, "factors")
    judgements: dict[tuple[str, str], float] = {}
    given: set[frozenset[str]] = set()
    for i, item in enumerate(data["judgements"]):
        a, b = item["a"], item["b"]
        for side in ("a", "b"):
            if item[side] not in factors:
                raise WeightingError(f"judgements/{i}/{side}: {item[side]!r} is not in factors")
        if a == b:
            raise WeightingError(f"judgements/{i}: compares {a!r} with itself")
        if frozenset((a, b)) in given:
            raise WeightingError(f"judgements/{i}: the pair ({a}, {b}) is judged twice")
        given.add(frozenset((a, b)))
        judgements[(a, b)] = float(item["value"])
    for a, b in combinations(factors, 2):
        if frozenset((a, b)) not in given:
            raise WeightingError(f"judgements: missing the pair ({a}, {b})")
    result = ahp(factors, judgements)
    hint = result.most_inconsistent
    return "pairwise", {
        "method": "pairwise",
        "weights": result.weights,
        "consistency_ratio": result.consistency_ratio,
        "lambda_max": result.lambda_max,
        "most_inconsistent": None
        if hint is None
        else {"a": hint[0], "b": hint[1], "value": hint[2], "suggested": hint[3]},
    }
