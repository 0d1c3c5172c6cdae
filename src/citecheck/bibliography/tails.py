"""Where a reference's date, volume, issue and pages stand, style by style: the patterns
:mod:`citecheck.bibliography.parse` anchors its parse on (the text before the match is title and
journal)."""

from __future__ import annotations

import re

from citecheck.typography import DASHES

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
PAGE = r"[A-Za-z]{0,2}\d+[A-Za-z]?"
PAGES = rf"{PAGE}(?:\s*[{re.escape(DASHES)}]\s*{PAGE})?"
SUPPL = r"[Ss]uppl?\b\.?(?:\s*[A-Za-z]?\d+)?"

# Vancouver/AMA: "Journal. 2004 Mar 5;12(3 Suppl 2):1–9.", also "2004;23 Suppl 1:S208"
# and "2004; 12, pages 1-9"
VANCOUVER = re.compile(
    rf"""(?P<year>{YEAR})[a-z]?
        (?:\s+(?:[A-Z][a-z]{{2,8}}\.?(?:\s*[-–/]\s*[A-Z][a-z]{{2,8}}\.?)?|Spring|Summer|Fall|Autumn|Winter)
           (?:\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)?)?
        \s*;\s*(?P<volume>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–]\s*\d+)?|[Ss]uppl?\.?(?:\s*\d+)?)?
        \s*(?:\((?P<issue>[^()]{{1,30}})\)|(?<=\w)\s+(?P<supp>{SUPPL}))?
        (?:\s*(?P<colon>[:;]|,(?:\s*(?:pages?|pp?\.))?)\s*(?P<pages>{PAGES}))?
    """,
    re.VERBOSE,
)
# ACS/chemistry: "J. Am. Chem. Soc. 2001, 123 (4), 1–9." (journal, year, volume, pages)
ACS_TAIL = re.compile(
    rf"""(?P<year>{YEAR})[a-z]?,\s*(?P<volume>\d+[A-Za-z]?)\s*(?:\((?P<issue>[^()]{{1,20}})\))?
        ,\s*(?:pp?\.\s*)?(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)
# IEEE/Springer: "Journal, vol. 5, no. 2, pp. 10–20, Mar. 2020." (the year may lead or close)
IEEE_TAIL = re.compile(
    rf"""(?:,\s*|\s)vol\.?\s*(?P<volume>\d+[A-Za-z]?)(?:,\s*(?:no|issue)\.?\s*(?P<issue>[\w-]+))?
        (?:,\s*pp?\.?\s*(?P<pages>{PAGES}))?
        (?:,\s*(?:[A-Z][a-z]{{2,8}}\.?\s+)?(?:\d{{1,2}},?\s+)?(?P<year>{YEAR}))?\s*\.?\s*$""",
    re.VERBOSE,
)
# Nature/Science: "Nature 421, 123–127 (2003)." or "Cell 12(3), 1–9 (2004)."
NATURE_TAIL = re.compile(
    rf"""(?<=\s)(?P<volume>\d+[A-Za-z]?)(?:\s*\((?P<issue>[^()]{{1,20}})\))?
        ,\s*(?P<pages>{PAGES})\s*\((?P<year>{YEAR})[a-z]?\)\s*\.?\s*$""",
    re.VERBOSE,
)
# Elsevier numbered: "Biochim. Biophys. Acta 1805 (2010) 105–117."; also AMS and other
# "volume (year)" styles: "Adv. Math. 200 (2006), no. 1, 136–195.", "Kidney Int, Vol. 64
# (2003), pp. 887–896", "Die Nahrung 36 (1992) 6, 600–602"
ELSEVIER_TAIL = re.compile(
    rf"""(?<=\s)(?:Vol\.?\s*)?(?P<volume>\d+[A-Za-z]?)\s*\((?P<year>{YEAR})[a-z]?\)\s*,?\s*
        (?:(?:no\.?|issue)\s*(?P<issue>[\w-]{{1,8}})\s*[,.]\s*|(?P<supp>\d{{1,3}})\s*[,.]\s+)?
        (?:pp?\.\s*|S\.\s*)?(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)
# Copernicus (GMD, ACP, HESS, …): "Journal, 93, 485–495, 2005." — the year last, and printed
# after the DOI when there is one ("…, 485–495, doi:10.1109/…, 2005.": the year optional here)
COPERNICUS_TAIL = re.compile(
    rf""",\s*(?P<volume>\d+[A-Za-z]?)(?:\s*\((?P<issue>[^()]{{1,20}})\))?,\s*(?P<pages>{PAGES})
        (?:,\s*(?P<year>{YEAR})[a-z]?)?\s*[.,]?\s*$""",
    re.VERBOSE,
)
# The year alone after the identifiers: "…, doi:10.1109/JPROC.2004.842745, 2005."
YEAR_LAST = re.compile(rf"[\s.,;]*(?P<year>{YEAR})[a-z]?\s*\.?\s*$")
# APA after "(2004)": "Journal, 12(3), 1–9."
APA_TAIL = re.compile(
    rf""",\s*(?P<volume>\d+[A-Za-z]?)(?:\s*\((?P<issue>[^()]{{1,20}})\))?
        ,\s*(?:pp?\.\s*)?(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)
# PLOS-NLM tail: "J Abbr 12(3): 1–9.", "Protist 163 (4) 643–657.", "Sci Rep 3, 1950.",
# "J Vertebr Paleontol 22 (suppl. 3)42A."
NLM_TAIL = re.compile(
    rf"""(?<![\w.\-–])(?P<volume>[A-Z]?\d+[A-Za-z]?)
        \s*(?:\((?P<issue>[^()]{{1,30}})\)|\s(?P<supp>{SUPPL}))?
        (?::\s*|,\s*|(?<=\))\s*|\s+)(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)
# ... or only the volume after the journal's last word: "Water Resour Res 42."
NLM_VOLUME_ONLY = re.compile(
    r"(?<=[A-Za-z]\s)(?P<volume>\d{1,4})\s*(?:\((?P<issue>[^()]{1,30})\))?\s*\.?\s*$"
)
PAREN_YEAR = re.compile(rf"\(\s*(?:(?P<year>{YEAR})[a-z]?|[Ii]n press)\s*\)")  # or "(in press)"
# A year not inside a number ("1609.05842"): ``(?<![\d/.])(?P<year>YEAR)…`` written with the
# look-behind after the first digit, so that a search skips to the next "1" or "2".
ANY_YEAR = re.compile(r"(?P<year>(?:1(?<![\d/.]1)[5-9]|2(?<![\d/.]2)0)\d\d)[a-z]?(?![\d/]|\.\d)")
