"""Scores: each indicator row by its scheme rule, then sections, weighted sub-project scores, totals and the
grade, each reconciled against what the document printed.

``rowscore`` scores one row (pure, returns a :class:`~perfnb.engine.scorecard.rowscore.RowScore`);
``rowcheck`` records each row's score and findings; ``totals`` adds scores up (sections, weighted scores,
execution, totals, grade); ``weights`` and ``reported`` check the printed weights, scores, totals and grades
(on ``printed``'s shared helpers); ``card`` puts them together as :class:`Scorecard`, which
:mod:`perfnb.engine.check` runs.
"""

from perfnb.engine.scorecard.card import Scorecard

__all__ = ["Scorecard"]
