"""Temperature re-weighting and seeded tosses on the top-N candidates."""
import math

import numpy as np
import pytest

from stones.distribution import Candidate, NextTokens, choose, from_logprobs, reweighted, toss

AFTER = NextTokens("The king", (Candidate(" was", 0.5), Candidate(" of", 0.3), Candidate(",", 0.15),
                                Candidate(" and", 0.05)), "recorded")


def test_from_logprobs_sums_duplicates_orders_and_drops_garbage():
    got = from_logprobs([(" a", math.log(0.2)), (" b", math.log(0.5)), (" a", math.log(0.1)), (" c", float("nan")),
                         (None, -1.0)])
    assert [c.token for c in got] == [" b", " a"]
    assert got[1].probability == pytest.approx(0.3)


def test_temperature_one_keeps_the_model_probabilities_normalised():
    p = np.array([0.5, 0.3, 0.15, 0.05])
    assert reweighted(p, 1.0) == pytest.approx(p)


def test_low_temperature_narrows_and_high_temperature_spreads():
    p = np.array([0.5, 0.3, 0.15, 0.05])
    cold, hot = reweighted(p, 0.2), reweighted(p, 2.0)
    assert cold[0] > 0.9 > p[0] > hot[0]
    entropy = [-(q * np.log(q)).sum() for q in (cold, p, hot)]
    assert entropy[0] < entropy[1] < entropy[2]


def test_a_tiny_temperature_does_not_underflow():
    assert reweighted(np.array([1e-30, 1e-40]), 0.1).sum() == pytest.approx(1.0)


@pytest.mark.parametrize("bad", [0.0, 0.05, 2.5, float("nan")])
def test_temperature_out_of_range_is_refused(bad):
    with pytest.raises(ValueError, match="temperature"):
        reweighted(np.array([1.0]), bad)


def test_the_same_seed_and_toss_number_land_alike_and_others_vary():
    p = reweighted(np.array([c.probability for c in AFTER.candidates]), 1.0)
    assert toss(p, seed=7, index=2) == toss(p, seed=7, index=2)
    landed = {toss(p, seed=seed, index=0) for seed in range(200)}
    assert landed == {0, 1, 2, 3}


def test_tosses_follow_the_probabilities():
    p = np.array([0.5, 0.3, 0.15, 0.05])
    counts = np.bincount([toss(p, seed=s, index=0) for s in range(4000)], minlength=4) / 4000
    assert counts == pytest.approx(p, abs=0.03)


def test_choose_greedy_takes_the_likeliest_allowed_candidate():
    assert choose(AFTER, 1.0, seed=1, index=0, greedy=True).token == " was"
    assert choose(AFTER, 1.0, seed=1, index=0, greedy=True, allowed={" of", ","}).token == " of"


def test_choose_lands_only_where_allowed():
    landed = {choose(AFTER, 2.0, seed=s, index=0, allowed={",", " and"}).token for s in range(100)}
    assert landed == {",", " and"}
    with pytest.raises(ValueError, match="recorded"):
        choose(AFTER, 1.0, seed=1, index=0, allowed=set())
