"""BB401's fix says what the year written means: no date, or a publication state."""

from __future__ import annotations

import pytest

from balint_bib import parse_string
from balint_bib.validate.core import Context
from balint_bib.validate.values import year


@pytest.mark.parametrize(("written", "fix"), [
    ("n.d.", "remove year: an entry without a date is printed 'n.d.' by the styles"),
    ("n. d.", "remove year: an entry without a date is printed 'n.d.' by the styles"),
    ("undated", "remove year: an entry without a date is printed 'n.d.' by the styles"),
    ("in press", "remove year and write pubstate = {inpress}"),
    ("Forthcoming", "remove year and write pubstate = {forthcoming}"),
    ("to appear", "remove year and write pubstate = {forthcoming}"),
    ("submitted", "remove year and write pubstate = {submitted}"),
    ("c. 1957", "year = 1957"),
])
def test_bb401_fix(written: str, fix: str) -> None:
    record = parse_string(f"@book{{B,\n  title = {{t}},\n  year = {{{written}}},\n}}\n").records[0]
    (finding,) = list(year(record, Context()))
    assert finding.code == "BB401" and finding.fix == fix
