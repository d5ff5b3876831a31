"""results.json and results.md: the keys runs are compared by, the table, the targets."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENDPOINTS = (
    ("healthz", "GET /healthz"),
    ("review_next", "GET /api/v1/review/next"),
    ("review_post", "POST /api/v1/review"),
    ("quiz_page", "GET /quiz/attempts/<id>/q/<n>"),
    ("quiz_save", "PUT /api/v1/attempts/<id>/answers/<question_id>"),
)
ENDPOINT_NAMES = dict(ENDPOINTS)
HTTP_KEYS = (
    "engine",
    "endpoint",
    "clients",
    "rps",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "ratio_to_healthz",
)
REQUIRED = {
    "machine": ("cpus", "python", "date"),
    "due_query_ms": ("10k", "100k", "1m"),
    "gift_import": (
        "questions",
        "parse_s",
        "save_s",
        "pygiftparser_parse_s",
        "pygiftparser_misread",
    ),
}
#: (endpoint, clients, minimum ratio to /healthz): the issue's throughput targets.
RATIO_TARGETS = (("review_post", 32, 0.30), ("quiz_save", 32, 0.30), ("review_next", 32, 0.40))
#: (endpoint, clients, p99 ceiling in ms).
P99_TARGETS = (("review_post", 8, 20.0), ("quiz_save", 8, 20.0))
DUE_RATIO_TARGET = 1.5
SAVE_TARGET_S = 5.0


def validate(results: Mapping[str, Any]) -> list[str]:
    """What is missing or malformed in ``results`` (empty: it has every key the issue asks)."""
    problems = []
    for section, keys in REQUIRED.items():
        value = results.get(section)
        if not isinstance(value, Mapping):
            problems.append(f"{section}: missing")
            continue
        problems.extend(f"{section}.{k}: missing" for k in keys if k not in value)
    rows = results.get("http")
    if not isinstance(rows, list) or not rows:
        problems.append("http: missing or empty")
        return problems
    for number, row in enumerate(rows):
        missing = [k for k in HTTP_KEYS if k not in row]
        if missing:
            problems.append(f"http[{number}]: missing {', '.join(missing)}")
        elif row["engine"] not in ("sqlite", "postgresql"):
            problems.append(f"http[{number}]: engine {row['engine']!r}")
    return problems


def http_row(engine: str, endpoint: str, measured: Mapping[str, Any], healthz_rps: float) -> dict:
    return {
        "engine": engine,
        "endpoint": ENDPOINT_NAMES[endpoint],
        "clients": measured["clients"],
        "rps": measured["rps"],
        "p50_ms": measured["p50_ms"],
        "p95_ms": measured["p95_ms"],
        "p99_ms": measured["p99_ms"],
        "ratio_to_healthz": round(measured["rps"] / healthz_rps, 3) if healthz_rps else None,
        "key": endpoint,
        "requests": measured["requests"],
        "errors": measured["errors"],
        "wraps": measured["wraps"],
        "max_ms": measured["max_ms"],
        "loadavg_before": measured.get("loadavg_before"),
        "driver_cpu_share": measured.get("driver_cpu_share"),
    }


def targets(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue, per engine: the measured value and whether it is met."""
    found = []
    rows = results.get("http") or []

    def row(engine: str, key: str, clients: int) -> Mapping[str, Any] | None:
        return next(
            (
                r
                for r in rows
                if r["engine"] == engine and r.get("key") == key and r["clients"] == clients
            ),
            None,
        )

    for engine in sorted({r["engine"] for r in rows}):
        for key, clients, minimum in RATIO_TARGETS:
            measured = row(engine, key, clients)
            if measured is None:
                continue
            ratio = measured["ratio_to_healthz"]
            found.append(
                {
                    "engine": engine,
                    "target": f"{ENDPOINT_NAMES[key]} at {clients} clients >= "
                    f"{minimum:.0%} of /healthz rps",
                    "measured": f"{ratio:.1%}" if ratio is not None else "n/a",
                    "met": ratio is not None and ratio >= minimum,
                }
            )
        for key, clients, ceiling in P99_TARGETS:
            measured = row(engine, key, clients)
            if measured is None:
                continue
            found.append(
                {
                    "engine": engine,
                    "target": f"{ENDPOINT_NAMES[key]} p99 at {clients} clients < {ceiling:g} ms",
                    "measured": f"{measured['p99_ms']:.1f} ms",
                    "met": measured["p99_ms"] < ceiling,
                }
            )
    by_engine = results.get("due_query_ms_by_engine") or {}
    for engine, timing in sorted(by_engine.items()):
        ratio = timing["1m"] / timing["10k"] if timing.get("10k") else None
        found.append(
            {
                "engine": engine,
                "target": f"due query at the largest size within {DUE_RATIO_TARGET}x "
                "of the smallest",
                "measured": f"{ratio:.2f}x" if ratio is not None else "n/a",
                "met": ratio is not None and ratio <= DUE_RATIO_TARGET,
            }
        )
    gift = results.get("gift_import") or {}
    if gift.get("pygiftparser_parse_s"):
        ratio = gift["parse_s"] / gift["pygiftparser_parse_s"]
        found.append(
            {
                "engine": "-",
                "target": "GIFT parse no slower than pygiftparser",
                "measured": f"{ratio:.2f}x pygiftparser's time",
                "met": ratio <= 1.0,
            }
        )
    if "project_understood" in gift:
        found.append(
            {
                "engine": "-",
                "target": "GIFT importer understands every construct",
                "measured": f"{gift['project_understood']} of {gift['questions']}",
                "met": gift["project_understood"] == gift["questions"],
            }
        )
    for engine, seconds in sorted((gift.get("save_s_by_engine") or {}).items()):
        found.append(
            {
                "engine": engine,
                "target": f"{gift['questions']}-question import saved in < {SAVE_TARGET_S:g} s",
                "measured": f"{seconds:.2f} s",
                "met": seconds < SAVE_TARGET_S,
            }
        )
    return found


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(results: Mapping[str, Any]) -> str:
    machine = results["machine"]
    lines = [
        f"Measured {machine['date']} on {machine.get('cpu_model', '?')}, "
        f"{machine['cpus']} CPUs, {machine.get('memory_gb', '?')} GB, Python {machine['python']}, "
        f"SQLite {machine.get('sqlite', '?')}, {machine.get('postgresql', 'PostgreSQL ?')}; "
        f"gunicorn {machine.get('gunicorn', '?')} ({machine.get('server', '?')}); "
        f"load from {machine.get('load_generator', 'wrk')}, {results.get('duration_s', '?')} s "
        f"per cell; scale {results.get('scale', '?')}.",
        "",
    ]
    data = results.get("data") or {}
    if data:
        counts = data.get("rows", {})
        lines.append(
            "Data: "
            + ", ".join(f"{counts[k]:,} {k.replace('_', ' ')}" for k in sorted(counts))
            + "; built in "
            + ", ".join(f"{e} {s:.0f} s" for e, s in sorted(data.get("build_s", {}).items()))
            + "."
        )
        lines.append("")
    lines += [
        "| engine | endpoint | clients | rps | p50 ms | p95 ms | p99 ms | vs /healthz | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["http"]:
        errors = sum((row.get("errors") or {}).values())
        lines.append(
            f"| {row['engine']} | `{row['endpoint']}` | {row['clients']} | {_fmt(row['rps'])} | "
            f"{_fmt(row['p50_ms'], 2)} | {_fmt(row['p95_ms'], 2)} | {_fmt(row['p99_ms'], 2)} | "
            f"{_fmt((row['ratio_to_healthz'] or 0) * 100, 1)}% | {errors} |"
        )
    lines.append("")
    due = results.get("due_query_ms_by_engine") or {}
    sizes = results.get("due_query_states") or {}
    if due:
        lines += [
            f"Due-card query ({results.get('due_query_source', '')}), median ms over "
            f"{results.get('due_query_samples', '?')} students:",
            "",
            "| engine | "
            + " | ".join(
                f"{k} ({sizes.get(k, '?'):,} states)" if isinstance(sizes.get(k), int) else k
                for k in ("10k", "100k", "1m")
            )
            + " | 1m / 10k |",
            "|---|---:|---:|---:|---:|",
        ]
        for engine, timing in sorted(due.items()):
            ratio = timing["1m"] / timing["10k"] if timing["10k"] else 0
            lines.append(
                f"| {engine} | {timing['10k']:.3f} | {timing['100k']:.3f} | {timing['1m']:.3f} "
                f"| {ratio:.2f}x |"
            )
        lines.append("")
    gift = results.get("gift_import") or {}
    if gift:
        saves = ", ".join(
            f"{e} {s:.2f} s" for e, s in sorted((gift.get("save_s_by_engine") or {}).items())
        )
        understood = gift.get("project_understood")
        lines += [
            f"GIFT import of {gift['questions']:,} questions: parse {gift['parse_s']:.2f} s "
            f"(understood {understood if understood is not None else '?'}), save {saves}; "
            "pygiftparser "
            f"parse {gift['pygiftparser_parse_s']:.2f} s, misread "
            f"{gift['pygiftparser_misread']:,} "
            f"({_kinds(gift.get('pygiftparser_misread_by_kind'))}).",
            "",
        ]
    found = targets(results)
    if found:
        lines += ["| target | engine | measured | met |", "|---|---|---:|---|"]
        for t in found:
            met = "yes" if t["met"] else "**no**"
            lines.append(f"| {t['target']} | {t['engine']} | {t['measured']} | {met} |")
        lines.append("")
    return "\n".join(lines)


def _kinds(by_kind: Mapping[str, int] | None) -> str:
    if not by_kind:
        return "none"
    return ", ".join(f"{count} {kind}" for kind, count in sorted(by_kind.items()))


#: Top-level keys of results.json that other commands write (``bench/stampede.py``): a run
#: of ``make bench`` keeps them as they are.
FOREIGN_KEYS = ("stampede",)


def _keep_foreign_keys(results: dict[str, Any], json_path: Path) -> None:
    try:
        previous = json.loads(json_path.read_text())
    except (OSError, ValueError):
        return
    for key in FOREIGN_KEYS:
        if key in previous and key not in results:
            results[key] = previous[key]


def write(results: dict[str, Any], json_path: Path, md_path: Path, *, strict: bool = True) -> None:
    problems = validate(results)
    if problems and strict:
        raise ValueError("results are incomplete: " + "; ".join(problems))
    results["targets"] = targets(results)
    _keep_foreign_keys(results, json_path)
    json_path.write_text(json.dumps(results, indent=2) + "\n")
    md_path.write_text((markdown(results) if not problems else "(incomplete run)") + "\n")
