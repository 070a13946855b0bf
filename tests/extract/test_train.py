"""Training on a tiny gold set, and the errors a user sees for bad gold files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from paperkg.cli.main import cli
from paperkg.extract.errors import ExtractionError, InputError
from paperkg.extract.experiments import load_specs, train_from_files
from paperkg.extract.gold import read_gold
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.train import blank, gold_spans, make_examples
from thinc.api import Config

TINY = [
    (
        "ZetaBench: Testing Agents",
        "We introduce ZetaBench and evaluate GPT-4o and Qwen2.5-7B.",
        [
            ("BENCHMARK", "ZetaBench", "introduces"),
            ("MODEL", "GPT-4o", "uses"),
            ("MODEL", "Qwen2.5-7B", "uses"),
        ],
    ),
    (
        "OmegaNet for planning",
        "We propose OmegaNet, trained with PPO on ALFWorld.",
        [
            ("METHOD", "OmegaNet", "introduces"),
            ("METHOD", "PPO", "uses"),
            ("BENCHMARK", "ALFWorld", "uses"),
        ],
    ),
    (
        "Planning with Delta",
        "Delta uses ReAct prompting with Claude 3.5 Sonnet on WebShop.",
        [
            ("METHOD", "Delta", "introduces"),
            ("METHOD", "ReAct", "uses"),
            ("MODEL", "Claude 3.5 Sonnet", "uses"),
            ("BENCHMARK", "WebShop", "uses"),
        ],
    ),
]


def write_gold(path, with_abstract=True):
    lines = []
    for title, abstract, ents in TINY:
        rec = {
            "title": title,
            "entities": [{"type": t, "name": n, "aliases": [], "role": r} for t, n, r in ents],
        }
        if with_abstract:
            rec["abstract"] = abstract
        lines.append(json.dumps(rec))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_gold_names_become_token_spans():
    nlp = blank()
    (example,) = make_examples(nlp, [(g, g.paper()) for g in _gold()[:1]])
    assert [(e.text, e.label_) for e in example.reference.ents] == [
        ("ZetaBench", "BENCHMARK"),
        ("ZetaBench", "BENCHMARK"),
        ("GPT-4o", "MODEL"),
        ("Qwen2.5-7B", "MODEL"),
    ]


def _gold():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        return read_gold(write_gold(Path(tmp) / "g.jsonl"))


def test_spans_prefer_the_longest_name():
    nlp = blank()
    gold = _gold()[2]
    doc = nlp.make_doc(gold.paper().text)
    assert "Claude 3.5 Sonnet" in [s.text for s in gold_spans(doc, gold)]


def test_train_on_tiny_gold_saves_a_model_the_extractor_loads(tmp_path):
    model = train_from_files(write_gold(tmp_path / "gold.jsonl"), [], tmp_path / "model", epochs=2)
    assert (model / "tagger" / "model").is_file()
    assert (model / "typer.json").is_file()  # the type classifier is trained with the NER
    extractor = load_extractor(model)
    pe = extractor.extract_one(_gold()[0].paper())
    assert "ZetaBench" in {e.name for e in pe.entities}


def test_train_needs_the_text(tmp_path):
    gold = write_gold(tmp_path / "gold.jsonl", with_abstract=False)
    with pytest.raises(InputError, match=r"gold.jsonl, line 1: no paper with the title"):
        train_from_files(gold, [], tmp_path / "model", epochs=1)
    assert not (tmp_path / "model").exists()


def test_gold_specs_read_their_abstracts_from_the_line_or_from_the_named_papers(tmp_path):
    """The maintainer scripts' inputs: ``GOLD`` whose lines carry the abstract, and
    ``GOLD=PAPERS`` whose papers file does; pairs come back in the order given."""
    inline = write_gold(tmp_path / "inline.jsonl")
    bare = write_gold(tmp_path / "bare.jsonl", with_abstract=False)
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        "".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a, _ in reversed(TINY))
    )
    pairs = load_specs([str(inline), f"{bare}={papers}"])
    assert [p.title for _, p in pairs] == [t for t, _, _ in TINY] * 2
    assert [p.abstract for _, p in pairs] == [a for _, a, _ in TINY] * 2
    with pytest.raises(InputError, match="no paper with the title"):
        load_specs([str(bare)])


def test_train_refuses_gold_with_no_findable_names(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(
            {
                "title": "T",
                "abstract": "Nothing here.",
                "entities": [{"type": "MODEL", "name": "Absent-9B", "aliases": [], "role": "uses"}],
            }
        )
        + "\n"
    )
    with pytest.raises(ExtractionError, match="no gold name was found"):
        train_from_files(path, [], tmp_path / "model", epochs=1)


def test_train_command_reports_a_bad_gold_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"title": "T", "entities": []}\n{"title": ""}\n')
    result = CliRunner().invoke(cli, ["train", str(path), "-o", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "gold.jsonl, line 2" in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = CliRunner().invoke(cli, ["train", str(empty), "-o", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "gold file is empty" in result.output


def test_train_command_builds_the_head_and_width_asked_for(tmp_path):
    """``--head parser --width 16`` gives a transition-based NER on a 16-wide tok2vec,
    which the extractor loads; an unknown head is refused before any training."""
    gold = write_gold(tmp_path / "gold.jsonl")
    out = tmp_path / "model"
    args = ["train", str(gold), "-o", str(out), "--epochs", "1", "--head", "parser"]
    result = CliRunner().invoke(cli, [*args, "--width", "16"])
    assert result.exit_code == 0, result.output
    assert "epoch 1/1  NER loss" in result.output
    assert (out / "ner" / "model").is_file() and not (out / "tagger").exists()
    tok2vec = Config().from_disk(out / "config.cfg")["components"]["tok2vec"]["model"]
    assert tok2vec["embed"]["width"] == tok2vec["encode"]["width"] == 16
    load_extractor(out).extract_one(_gold()[0].paper())
    result = CliRunner().invoke(cli, [*args[:-1], "crf"])
    assert result.exit_code == 2 and "'crf' is not one of" in result.output


def _teacher(vocab_from=None):
    """A real spaCy pipeline with paperkg's tokenizer whose entity ruler marks two names:
    a stand-in for a trained model, whose marks a test can state."""
    import spacy

    nlp = vocab_from or spacy.blank(
        "en", config={"nlp": {"tokenizer": {"@tokenizers": "paperkg.tokenizer.v1"}}}
    )
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "BENCHMARK", "pattern": "SWE-bench"},
            {"label": "MODEL", "pattern": [{"TEXT": "Qwen2.5-7B"}]},
        ]
    )
    return nlp


def test_silver_papers_are_learned_as_the_teacher_marks_them():
    """Distillation (scripts/distil_ner.py): each silver paper becomes an example whose
    names and BILUO tags are the teacher's marks; fit_ner trains on them beside the gold,
    needs a teacher for them, and refuses one that tokenises differently."""
    import spacy
    from paperkg.extract.records import Paper
    from paperkg.extract.train import fit_ner, silver_examples

    paper = Paper(id="p1", title="Agents", abstract="We test Qwen2.5-7B on SWE-bench today.")
    nlp = blank()
    (example,) = silver_examples(nlp, _teacher(), [paper])
    assert [(e.text, e.label_) for e in example.reference.ents] == [
        ("Qwen2.5-7B", "MODEL"),
        ("SWE-bench", "BENCHMARK"),
    ]
    tags = {t.text: t.tag_ for t in example.reference}
    assert (tags["Qwen2.5-7B"], tags["SWE-bench"], tags["test"]) == ("U-MODEL", "U-BENCHMARK", "O")
    gold = [(g, g.paper()) for g in _gold()]
    losses: dict[str, float] = {}
    for name, silver in (("gold", []), ("silver", [paper])):
        report = lambda _epoch, loss, name=name: losses.__setitem__(name, loss)  # noqa: E731
        trained = fit_ner(gold, epochs=1, teacher=_teacher(), silver=silver, on_epoch=report)
        assert trained.pipe_names == ["tok2vec", "tagger", "paperkg_biluo"]
    assert losses["gold"] != losses["silver"]  # same seed: only the silver paper differs
    with pytest.raises(ExtractionError, match="need a teacher"):
        fit_ner(gold, epochs=1, silver=[paper])
    english = _teacher(spacy.blank("en"))  # spaCy's own tokenizer splits "SWE-bench"
    with pytest.raises(ExtractionError, match="p1: the teacher model tokenises"):
        silver_examples(nlp, english, [paper])


def test_distil_script_retrains_the_ner_and_keeps_the_teachers_classifiers(tmp_path):
    """scripts/distil_ner.py end to end: a tiny teacher model, silver papers after the
    gold files on the command line; the output has a new NER of the width asked for and
    the teacher's classifiers, names and string table byte for byte."""
    import subprocess
    import sys
    from pathlib import Path

    teacher = train_from_files(write_gold(tmp_path / "gold.jsonl"), [], tmp_path / "t", epochs=2)
    silver = tmp_path / "silver.jsonl"
    silver.write_text(
        json.dumps({"title": "More agents", "abstract": "We test GPT-4o on ZetaBench."}) + "\n"
    )
    script = Path(__file__).resolve().parents[2] / "scripts" / "distil_ner.py"
    out = tmp_path / "student"
    cmd = [sys.executable, str(script), "-o", str(out), "--width", "16", "--epochs", "1"]
    cmd += ["--teacher", str(teacher), "--silver", str(silver), str(tmp_path / "gold.jsonl")]
    run = subprocess.run(cmd, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "3 gold papers, 1 silver" in run.stderr
    tok2vec = Config().from_disk(out / "config.cfg")["components"]["tok2vec"]["model"]
    assert tok2vec["encode"]["width"] == 16
    for name in ("typer.json", "roles.json", "names.tsv", "vocab/strings.json"):
        assert (out / name).read_bytes() == (teacher / name).read_bytes(), name
    assert (out / "tok2vec" / "model").read_bytes() != (teacher / "tok2vec" / "model").read_bytes()
    load_extractor(out).extract_one(_gold()[0].paper())
