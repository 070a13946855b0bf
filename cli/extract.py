"""Commands for extraction itself: extract, eval, train."""

from __future__ import annotations

import json
import sys

import click
from paperkg.extract.evaluate import Scores
from paperkg.extract.experiments import (
    cross_validate_pairs,
    cross_validate_without_ner,
    evaluate_pairs,
    load_pairs,
    train_from_files,
)
from paperkg.extract.files import atomic_write
from paperkg.extract.readers import read_papers
from paperkg.extract.records import TYPE_LABELS

from .lazy import LazyChoice
from .options import (
    INPUT_FILE,
    NER_MODEL_HELP,
    input_format_option,
    ner_model_option,
    renamed,
)
from .output import progress_callback


@click.command()
@click.argument("sources", nargs=-1, required=True, type=INPUT_FILE)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Output format: one JSON object per paper, the guidelines' gold format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of stdout.",
)
@ner_model_option(NER_MODEL_HELP)
@input_format_option
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Skip malformed records (counted and reported) instead of stopping at the first one.",
)
def extract(
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    model_dir: str | None,
    input_format: str | None,
    skip_bad: bool,
) -> None:
    """Extract benchmarks, models and methods from papers, one JSON line per paper.

    A SOURCE of - is standard input (format detected from the content, or --input-format).

    \b
    Example:
      paperkg extract examples/trending-agents.txt -o entities.jsonl
      paperkg extract papers.csv | head -3
      cat papers.bib | paperkg extract - --input-format bibtex
    """
    from paperkg.extract.pipeline import load_extractor

    read = read_papers(sources, input_format, skip_bad=skip_bad)
    for err in read.skipped:
        click.echo(f"skipped: {err}", err=True)
    papers = read.papers
    extractor = load_extractor(model_dir)
    with progress_callback(len(papers), "Extracting") as advance:
        lines = [
            json.dumps(pe.to_json(), ensure_ascii=False)
            for pe in extractor.extract(papers, on_progress=advance)
        ]
    text = "".join(f"{line}\n" for line in lines)
    if output:
        with atomic_write(output) as handle:
            handle.write(text)
        click.echo(f"Wrote {len(lines)} papers to {output}", err=True)
    else:
        sys.stdout.write(text)


@click.command(name="eval")
@click.argument("gold", type=INPUT_FILE)
@click.argument("sources", nargs=-1, type=INPUT_FILE)
@click.option(
    "--cv",
    type=click.IntRange(min=2),
    metavar="K",
    help="K-fold cross-validation: train the NER "
    "on K-1 folds, score the held-out fold (never trained on a scored paper).",
)
@ner_model_option(
    "NER model folder to score, written by `paperkg train` [default: the shipped one]."
)
@input_format_option
@click.option("--rules-only", is_flag=True, help="Score the rules without the trained NER.")
@click.option(
    "--no-ner",
    is_flag=True,
    help="With --cv: refit only the classifiers and learned names per fold, not the NER "
    "(minutes, for comparing rule settings).",
)
@click.option(
    "--ner-folds",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="With --cv --no-ner: give the classifiers the spans of N NERs cross-fitted on the "
    "gold papers (each paper's spans from a NER that never saw it; 12 epochs each); "
    "0 = no NER spans.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def eval_(
    gold: str,
    sources: tuple[str, ...],
    cv: int | None,
    model_dir: str | None,
    input_format: str | None,
    rules_only: bool,
    no_ner: bool,
    ner_folds: int,
    fmt: str,
) -> None:
    """Score extraction against gold annotations (precision, recall, F1, role accuracy).

    GOLD is a JSON Lines file in the annotation guidelines' format; SOURCE is the
    papers file (any readable format), matched to gold records by title. Gold
    lines that carry an "abstract" need no SOURCE. Either may be - (standard input).

    \b
    Example:
      paperkg eval tests/fixtures/extract/dev_gold.jsonl examples/trending-agents.txt
      paperkg eval --cv 5 tests/fixtures/extract/dev_gold.jsonl examples/trending-agents.txt
      paperkg eval --cv 5 --no-ner gold.jsonl papers.txt
      paperkg eval --cv 5 --no-ner --ner-folds 2 gold.jsonl papers.txt
      paperkg eval --rules-only tests/fixtures/extract/dev_gold.jsonl examples/trending-agents.txt
    """
    if no_ner and not cv:
        raise click.UsageError("--no-ner goes with --cv K")
    if ner_folds and not no_ner:
        raise click.UsageError("--ner-folds goes with --cv K --no-ner")
    pairs = load_pairs(gold, sources, input_format)
    if cv and no_ner:
        scores, per_fold = cross_validate_without_ner(pairs, cv, ner_folds=ner_folds)
    elif cv:
        scores, per_fold = cross_validate_pairs(pairs, cv)
    else:
        scores, per_fold = evaluate_pairs(pairs, model_dir, ner=not rules_only), []
    if fmt == "json":
        data = {**scores.to_json(), "cv": cv, "folds": [s.to_json() for s in per_fold]}
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(render_table(scores, cv, per_fold))


def render_table(scores: Scores, cv: int | None, per_fold: list[Scores]) -> str:
    """The score table; the last eight lines hold every key number."""
    lines = [
        f"fold {i}: typed F1 {s.typed.f1:.3f}  papers {s.papers}" for i, s in enumerate(per_fold, 1)
    ]
    how = f"{cv}-fold cross-validation (held-out folds)" if cv else "all papers, no held-out"
    lines.append(f"{scores.papers} papers, {how}")
    lines.append(f"{'':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    rows = [
        ("typed micro", scores.typed),
        ("untyped", scores.untyped),
        *((TYPE_LABELS[t], c) for t, c in scores.per_type.items()),
    ]
    lines += [
        f"{name:<14}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
        for name, c in rows
    ]
    lines.append(f"role accuracy {scores.role_accuracy:.3f} on {scores.roles_total} typed matches")
    return "\n".join(lines)


@click.command()
@click.argument("gold", type=INPUT_FILE)
@click.argument("sources", nargs=-1, type=INPUT_FILE)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(file_okay=False),
    required=True,
    metavar="DIR",
    help="Directory to write the trained model to (replaced atomically).",
)
@renamed("--source", "SOURCES (after GOLD)", "sources", multiple=True, type=INPUT_FILE)
@input_format_option
@click.option(
    "--epochs",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    metavar="N",
    help="Passes over the gold papers.",
)
@click.option(
    "--head",
    type=LazyChoice("paperkg.extract.train", "HEADS"),
    default=None,
    help="The NER's output layer: a BILUO tagger or spaCy's transition-based parser, "
    "about twice the CPU time (default: the shipped model's, the tagger).",
)
@click.option(
    "--width",
    type=click.IntRange(min=8),
    default=None,
    metavar="N",
    help="The NER's tok2vec width (default: the shipped model's).",
)
def train(
    gold: str,
    sources: tuple[str, ...],
    output: str,
    input_format: str | None,
    epochs: int,
    head: str | None,
    width: int | None,
) -> None:
    """Train the NER on your own annotations (the guidelines' gold format).

    GOLD and SOURCE are read as by `paperkg eval`: SOURCE is the papers file holding the
    abstracts, matched to gold lines by title (not needed when every gold line has an
    "abstract"); either may be - (standard input). Then use the model with
    `paperkg build --ner-model DIR` or `paperkg eval --ner-model DIR`.

    \b
    Example:
      paperkg train my_gold.jsonl my_papers.csv -o my-model
      paperkg build my_papers.csv --ner-model my-model
    """

    def report(epoch: int, loss: float) -> None:
        click.echo(f"epoch {epoch}/{epochs}  NER loss {loss:.1f}", err=True)

    # only what the user chose; the rest is the shipped model's (train.MODEL_CONFIG)
    config = {key: value for key, value in (("head", head), ("width", width)) if value}
    path = train_from_files(
        gold,
        sources,
        output,
        epochs=epochs,
        on_epoch=report,
        input_format=input_format,
        config=config,
    )
    click.echo(f"Saved the model to {path}")


COMMANDS = (extract, eval_, train)
