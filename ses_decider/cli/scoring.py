"""`score` and `weights`: an assessment file scored, or weights from a ranking, without a display."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ses_decider.cli.common import (
    CliError,
)


def cmd_score(args: argparse.Namespace) -> int:
    from datetime import date

    from ses_decider.core.deciding_summary import DecidingRecords, no_score_extras, score_extras
    from ses_decider.core.explain import explain_result
    from ses_decider.storage.exchange import assessment_from_data, read_json_file
    from ses_decider.storage.person_file import PERSON_FORMAT, parse_person_data

    data = read_json_file(args.file)
    if isinstance(data, dict) and data.get("format") == PERSON_FORMAT:
        # A person file: its current assessment, and what of deciding well touches the score.
        parsed = parse_person_data(data)
        person, assessment = parsed.name, parsed.current
        records = parsed.parts.get("deciding", DecidingRecords())
        extras = score_extras(records, assessment, date.today())
    else:
        person, assessment = assessment_from_data(data)
        extras = no_score_extras()
    result = explain_result(assessment, seed=args.seed) | extras
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(_score_text(person, result))
    return 0


def _score_text(person: str | None, result: dict) -> str:
    score = result["score"]
    lines = [
        f"{person or 'Assessment'}: {result['verdict']}"
        + (f" (score {score:.1f} of 100)" if score is not None else "")
    ]
    if result.get("dealbreakers"):
        lines.append("Decided by dealbreaker: " + ", ".join(result["dealbreakers"]))
    contributions = sorted(result["contributions"].items(), key=lambda kv: -abs(kv[1]))
    for factor_id, points in contributions:
        lines.append(f"  {points:+6.1f}  {factor_id}")
    for sentence in result.get("tipping_sentences", []):
        lines.append(sentence)
    robustness = result.get("robustness")
    if robustness:
        lines.append(
            f"Robustness: {robustness['label']} (P(GO) {robustness['p_go']:.0%}, "
            f"P(CLOSE CALL) {robustness['p_close_call']:.0%}, P(NO-GO) {robustness['p_no_go']:.0%})"
        )
    lines.extend(_paths_text(result))
    if result.get("quadrant_title"):
        lines.append(
            f"Do I want it? {result['want']:.0f}  Am I ready? {result['ready']:.0f}  "
            f"\u2192 {result['quadrant_title']}"
        )
    lines.extend(_deciding_text(result))
    return "\n".join(lines)


def _paths_text(result: dict) -> list[str]:
    """The other paths beside the SES: each scored against staying, and the best one named."""
    paths = result.get("paths") or []
    if not paths:
        return []
    from ses_decider.core.paths import score_text

    shown = ", ".join(f"{p['title']} {score_text(p['score'])} ({p['verdict']})" for p in paths)
    lines = [f"Other paths (staying where you are scores 50): {shown}"]
    best = next((p for p in paths if p["id"] == result.get("best_other_path")), None)
    if result.get("higher_path_sentence"):
        lines.append("Best other path: " + result["higher_path_sentence"])
    elif best is not None:
        lines.append(f"Best other path: {best['title']}; the SES scores at least as high.")
    else:
        lines.append("Best other path: none has a score yet (or a dealbreaker rules it out).")
    if result.get("path_tipping_sentence"):
        lines.append(result["path_tipping_sentence"])
    return lines


def _deciding_text(result: dict) -> list[str]:
    """What deciding well adds (from a person file): only the lines that have something."""
    lines = []
    if result.get("own_reason_factors"):
        lines.append("From your own reasons: " + ", ".join(result["own_reason_factors"]))
    for action in result.get("open_premortem_actions", []):
        when = f" (by {action['due']})" if action["due"] else ""
        lines.append(f"Preventive step{when}: {action['prevention']}")
    for trial in result.get("experiments_due", []):
        lines.append(f"Experiment due {trial['due']}: {trial['title']}")
    return lines


def cmd_weights(args: argparse.Namespace) -> int:
    from ses_decider.core.content import catalogue
    from ses_decider.core.weighting import WeightingError, parse_weighting_file
    from ses_decider.storage.exchange import read_json_file

    data = read_json_file(args.file)
    try:
        _method, result = parse_weighting_file(data, {f.id for f in catalogue().factors})
    except WeightingError as exc:
        raise CliError(f"{Path(args.file).name}: {exc}") from None
    # The documented object, with every key whatever the method (None where it has no meaning).
    out = {
        "method": result["method"],
        "weights": result["weights"],
        "consistency_ratio": result.get("consistency_ratio"),
        "lambda_max": result.get("lambda_max"),
        "most_inconsistent": result.get("most_inconsistent"),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(_weights_text(out))
    return 0


def _weights_text(result: dict) -> str:
    from ses_decider.core.weighting import CR_LIMIT

    how = {"rank": "your ranking (rank-order centroid)", "pairwise": "your pairwise comparisons"}
    lines = [f"Weights from {how[result['method']]}:"]
    for factor_id, share in sorted(result["weights"].items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {share:6.1%}  {factor_id}")
    cr = result["consistency_ratio"]
    if cr is not None:
        if cr <= CR_LIMIT:
            lines.append(f"Consistency ratio {cr:.3f}: consistent enough ({CR_LIMIT:.2f} or less).")
        else:
            lines.append(
                f"Consistency ratio {cr:.3f} is above {CR_LIMIT:.2f}: some judgements "
                "contradict others, so these weights are shaky."
            )
            hint = result["most_inconsistent"]
            if hint is not None:
                lines.append(
                    f"Most at odds: {hint['a']} vs {hint['b']}, now {_saaty(hint['value'])}; "
                    f"{_saaty(hint['suggested'])} would fit the rest best."
                )
    return "\n".join(lines)


def _saaty(value: float) -> str:
    """A judgement as written on Saaty's scale: 3, or 1/3 for its reciprocal."""
    if value < 1:
        return f"1/{1 / value:g}" if abs(1 / value - round(1 / value)) < 1e-9 else f"{value:.3g}"
    return f"{value:g}"
