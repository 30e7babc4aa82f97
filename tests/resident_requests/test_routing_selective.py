"""Accuracy when confident and the share of messages it is confident on (selective accuracy, coverage)."""

import numpy as np

from townsquare.resident_requests.routing import training
from townsquare.resident_requests.routing.model import selective, selective_line, top_two_accuracy

# Four messages over three classes: the first two confident and right, the third confident and wrong,
# the fourth unsure with the right class second.
SCORES = np.array(
    [
        [0.95, 0.03, 0.02],
        [0.02, 0.97, 0.01],
        [0.91, 0.05, 0.04],
        [0.50, 0.40, 0.10],
    ]
)
TRUE = np.array([0, 1, 2, 1])


def test_selective_accuracy_counts_only_confident_messages():
    assert selective(SCORES, TRUE, 0.9) == (2 / 3, 0.75)


def test_nothing_confident_gives_no_accuracy_and_no_coverage():
    accuracy, coverage = selective(SCORES, TRUE, 0.99)
    assert np.isnan(accuracy) and coverage == 0.0


def test_top_two_counts_the_right_class_in_second_place():
    assert top_two_accuracy(SCORES, TRUE) == 0.75


def test_the_threshold_for_a_target_is_the_lowest_that_keeps_it():
    assert training.threshold_for(SCORES, TRUE, target=0.99) == 0.95


def test_the_line_reads_as_the_issue_asks():
    assert selective_line(0.99123, 0.7, 0.9) == "selective_accuracy=0.9912 coverage=0.7000 threshold=0.90"


def test_the_most_sure_share_is_scored_on_its_best_ranked_messages():
    # The 3 most sure of 4 (75 %): two right, one wrong; the last of them is scored 0.91.
    assert training.most_sure(SCORES, TRUE, share=0.75) == (2 / 3, 0.91)
