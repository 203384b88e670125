"""`littrack screen`: priority screening outside the dashboard. `simulate` replays a
labelled set through the Screen page's ranking and stopping rule (store/screening/simulate.py)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fetchers.cli.options import CONTEXT_SETTINGS


def _seeds(ctx: click.Context, param: click.Parameter, value: str) -> list[int]:
    try:
        seeds = [int(s) for s in value.split(",") if s.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of integers") from None
    if not seeds:
        raise click.BadParameter("give at least one seed")
    return seeds


def _recall(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not 0 < value < 1:
        raise click.BadParameter(f"{value} is not between 0 and 1 (exclusive)")
    return value


@click.group("screen", context_settings=CONTEXT_SETTINGS)
def screen() -> None:
    """Priority screening: how the model's order and the stopping rule perform.

    Example: littrack screen simulate labelled.csv --seeds 1,2,3
    """


@screen.command("simulate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--seeds",
    default="1",
    show_default=True,
    callback=_seeds,
    metavar="1,2,3",
    help="One run per seed (the seed picks the random include and exclude it starts from).",
)
@click.option(
    "--recall",
    type=float,
    default=0.95,
    show_default=True,
    callback=_recall,
    help="The stopping rule's recall target (at 95 % confidence).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def simulate(file: Path, seeds: list[int], recall: float, as_json: bool) -> None:
    """Replay a labelled set in priority order, as the Screen page would rank it, and
    report when 95 % of the includes were found and when the stopping rule fired.

    FILE is a CSV (UTF-8, header) with title, abstract, label_included (1/0) and
    optionally keywords (separated by ;) and pmid: the ASReview format. Each run
    starts from one random include and one random exclude.

    Example: littrack screen simulate reviews/antihistamines.csv --seeds 1,2,3 --json
    """
    from store.screening.simulate import read_labelled
    from store.screening.simulate import simulate as run

    data = read_labelled(file.read_bytes(), file.name)
    result = run(data, seeds, recall=recall)
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(
        f"{file.name}: records={result['records']} included={result['included']} "
        f"screened_at_recall_95={result['screened_at_recall_95']} wss_95={result['wss_95']:.3f}"
    )
    for r in result["runs"]:
        stop = (
            f"stopped_at={r['stopped_at']} recall_at_stop={r['recall_at_stop']:.3f}"
            if r["stopped_at"] is not None
            else "stopped_at=never (everything screened)"
        )
        click.echo(f"seed {r['seed']}: screened_at_recall_95={r['screened_at_recall_95']} {stop}")
