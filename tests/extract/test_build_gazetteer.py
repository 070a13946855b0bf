"""The development-time list builder: long forms it derives are in the shipped list."""

from __future__ import annotations

import doctest

from paperkg.extract.kb import default_index
from paperkg.extract.normalise import name_key


def test_spelled_out_examples_hold(script):
    result = doctest.testmod(script("build_gazetteer"))
    assert result.attempted > 0 and result.failed == 0


def test_spelled_out_needs_the_initials_from_the_first_title_word(script):
    spelled_out = script("build_gazetteer").spelled_out
    assert spelled_out("GAN", "pwc;paper=Generative Adversarial Networks") == (
        "Generative Adversarial Networks"
    )
    assert spelled_out("GAN", "pwc;paper=Deep Generative Adversarial Networks") is None
    assert spelled_out("GAN", "pwc;year=2014") is None  # no paper title
    assert spelled_out("Adam", "pwc;paper=A Method for Stochastic Optimization") is None


def test_the_shipped_method_list_knows_a_derived_long_form():
    hit = default_index()[name_key("Retrieval-Augmented Generation")]
    assert (hit.type, hit.name) == ("METHOD", "RAG")
