"""Disclosure control on a finished results table: caution marks and publication-safe mode.

Both steps run on the results table (``wres_core.results``) and never change a figure that
is shown: caution only adds a flag and a note; suppression only *withholds* (sets to
``<NA>``). The original counts are not kept anywhere in the returned table.

Caution (:func:`apply_caution`)
-------------------------------
- A row with a denominator below the threshold (default 30) gets ``caution`` True and the
  note "small numbers: fewer than 30 (read with care)".
- A row without counts (``relative_likelihood*``, ``gap``, ``difference``) gets ``caution``
  where any row it is computed from has it (see *Sources of a figure* below), with the note
  "small numbers: based on fewer than 30 (read with care)".

Publication-safe mode (:func:`suppress`)
----------------------------------------
*Primary suppression.* A count (numerator or denominator) from 1 to threshold - 1 (default
1 to 9) is withheld. A survey percentage (indicators 5 to 8, measure ``percent``) from
1 to survey_min - 1 responses (default fewer than 11, the Staff Survey's own rule) is
withheld whatever its numerator, and so are both its counts (a shown numerator of 10 would
say that the withheld base is 10, and a shown 0 that the percentage is 0).

*Zero is shown.* A true zero is not withheld (this project's convention): "no BME staff in
Band 9" is itself the kind of finding the WRES exists to show. The consequence, accepted
here, is that a reader can tell "none of the staff in this row are in group X"; and, since
zeros are shown, a withheld count is known to be at least 1 (the checks below use that).

*Figures go with their counts.* A row with a withheld count has its value and interval
withheld too (a shown percentage and a shown denominator give the numerator back). A row
without counts is withheld when any row it is computed from is withheld (a shown ratio and
White's shown likelihood give the other group's likelihood back).

*Secondary suppression.* A withheld count must not be recoverable from shown counts. The
relations a reader can use are collected as linear equations between counts, each kept only
if it holds exactly in the data (a drill-down whose levels do not add up to the whole, say
because some staff have no department, gives no equation):

a. within one row of a breakdown (year, indicator, measure, dimension, level): the groups'
   numerators add up to the shown denominator for shares (``share``, ``board_share``,
   ``workforce_share``); an aggregate group adds up its parts ("White" = the White
   categories, a broad group = its categories; an ``All`` group = every group);
b. across the levels of a dimension, for one group: the levels add up to the ``overall``
   row ("Senior medical manager" and any row noted "of which ..." are left out, being
   part of another level); ``board_role`` Voting + Non-voting = All and Executive +
   Non-executive = All; ``clinical_pay_band`` "Clinical: Band 5" + "Non-clinical: Band 5" =
   ``pay_band`` "Band 5" and the Clinical levels add up to ``clinical`` "Clinical";
c. for the other measures (likelihoods, survey percents): the groups' counts at one level
   add up to a total shown elsewhere at the same year, dimension and level (indicator 1's
   denominator is the headcount behind indicators 3 and 4); and a count shown under two
   names is the same count (indicator 4's headcount of BME staff in Band 5 *is* indicator
   1's numerator; indicator 2's shortlisted applicants are the numerator of its
   application-stage likelihood): two rows' group counts at one level that agree in every
   non-zero group are treated as one count;
d. ``likelihood_2y`` of a year = ``likelihood`` of that year + of the year before (pooled
   counts, indicator 3).

Where an equation has exactly one withheld count, the next smallest non-zero shown count
in it is withheld too (a group before a total), with its figure; and so on to a fixed point.
Under the people policy the choice is steered to what hides least: a count that settles
several such equations at once, and leaves fewest new ones, then the finest (a category
before a broad group before White or BME before a headcount). The coarser levels' sums
(White + BME + Unknown, the broad groups, BME = its broad groups) are written out as
equations too: they follow from the categories' sums, so a reader learns nothing more from
them, but the choice then sees at once that an Unknown withheld beside shown White, BME and
headcount is given away (and would take BME with it).
Two more checks run on the result, and anything they find is fixed the same way:

- *bounds*: a withheld count is at least 1 (zero is shown; 0 for a survey numerator), so
  equations whose withheld counts add up to no more than their minimums give them away
  (Band 8d: White 40 shown, BME and Unknown withheld, 42 in all: both are 1). Bounds are
  carried from equation to equation until nothing tightens;
- *algebra*: a withheld count fixed by several equations together (no single one has it
  alone: two blocks of withheld cells joined by one cell; indicator 1's group x clinical x
  band cells with all their two-way sums; pooled two-year counts linking years) is found
  from the row space of the system, per connected set of withheld counts. It is fixed by
  withholding the shown count that the cheapest joint change of the withheld counts
  (weighted least squares, a count's size as its cost) moves most: the smallest count
  beside it is often absorbed without freeing it, and withholding one after another then
  reaches the organisation's own totals. Under the people policy the first try is the
  smallest shown group beside it with the same parent (Mixed's 12 beside Other's 7, not
  BME's 83); and for bounds, a count at its own minimum (a 1) adds no room and is taken
  last.

Bound findings are fixed at their root (what one equation gives away by itself), algebra
findings one per group of equations, and then everything is looked at again, so that each
extra withheld count frees as much as it can.

Every withheld figure has the same note, whatever the reason, so that the note does not
tell a primary withheld count (under 10) from a secondary one; and the caution flag of a
row whose denominator is withheld is set True with its "small numbers" note dropped, so
that it does not say whether the withheld base is under 30.

*A drill-down read beside its overall table* (``released``): the drill-down keeps every
decision the overall table made on the counts both hold (withheld there, withheld here;
shown there, never chosen here as secondary suppression), and finds the secondary
suppression it needs among its own counts; counts that the shown ones pin (the one unknown
of an equation, zeros adding up to a shown zero) are not chosen either, as withholding them
protects nothing. Where a small count can be protected only by withholding a count the
overall table shows (its shown totals with the number of withheld cells here pin it: seen
with individual ethnic categories), this table is made safe by itself first and withholds
that count too.

Limits. The complement of a count (shortlisted but not appointed, n - k) is not a cell of
the table and is not protected by itself. Beyond a drill-down and its overall table,
protection is within the one table given: two drill-downs of the same filters (by
department and by pay band) each agree with the overall table but are not made safe as a
pair, and differencing two tables (two filters, two year ranges, with and without a year)
is not covered. Bounds are carried equation by equation, which finds the usual cases (several
withheld 1s) but is not a full linear programme. :func:`recoverable_counts` audits a
published table with the same three checks.

Sources of a figure
-------------------
``relative_likelihood`` is computed from the ``likelihood`` rows of its group and of White
(``likelihood_2y`` where the indicator has it: indicator 3's pooled headline);
``relative_likelihood_1y`` from ``likelihood``; ``relative_likelihood_X`` from
``likelihood_X``; ``gap`` from the ``percent`` rows of its group and White; ``difference``
from the group's ``board_share`` at the same role and its ``workforce_share``. Any other
row without counts is taken to depend on every counted row of its group and White at the
same year, indicator, dimension and level.
"""

from __future__ import annotations

from wres_core.disclosure.audit import Recovery, recoverable_across, recoverable_counts
from wres_core.disclosure.caution import apply_caution, sources
from wres_core.disclosure.publish import suppress
from wres_core.disclosure.rules import (
    CAUTION_THRESHOLD,
    EVERY_COUNT,
    PEOPLE,
    POLICY_TEXT,
    SUPPRESSION_THRESHOLD,
    SURVEY_MIN_RESPONSES,
    Policy,
    caution_note,
    withheld_note,
)

__all__ = [
    "CAUTION_THRESHOLD",
    "EVERY_COUNT",
    "PEOPLE",
    "POLICY_TEXT",
    "SUPPRESSION_THRESHOLD",
    "Policy",
    "SURVEY_MIN_RESPONSES",
    "Recovery",
    "apply_caution",
    "caution_note",
    "recoverable_across",
    "recoverable_counts",
    "sources",
    "suppress",
    "withheld_note",
]
