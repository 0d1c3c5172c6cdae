"""Journal abbreviations: the words ISO 4 (and NLM, which follows it) abbreviates most.

A reference printed in a period-abbreviated style ("… embryos. Ecotoxicol. Environ. Saf. 190,
110123 (2020).") has sentence ends inside its journal name; knowing that "Ecotoxicol." and
"Environ." are abbreviated words, not the last word of a title, is what tells where the title
ends. The vocabulary below is our own list of the common abbreviated forms of the List of
Title Word Abbreviations (ISO 4), lower case, without the period; words of four letters or
fewer ("Phys.", "Rev.", "Acta") are taken as abbreviations anyway when capitalised. No package
on the registries we use ships the LTWA in a well-kept form (``iso4`` is a 2021 0.0.2, and
``pyiso4`` is not available), and the whole list (56,000 entries) is not needed to find the
end of a title.
"""

from __future__ import annotations

import re

_WORD_LINES = (
    "abstr acad acc accid acoust acquir adhes adm adolesc adv aeronaut aerosp aesthet",
    "afr agric agron alcohol allergol altern ambul anaesth anaesthesiol anal analg anat",
    "androl anesth anesthesiol angew angiol anim annu anthropol antibiot antimicrob",
    "antivir appl aquac aquat arch archaeol archit arterioscler arthroplast arthrosc",
    "artif assess assoc astron astronaut astrophys atheroscler atmos audiol auton",
    "bacteriol behav bioact biocatal biochem biochim bioconjug bioelectrochem bioenerg",
    "bioeng bioeth biogeochem biogeogr biogeosci bioinform bioinorg biol biomater",
    "biomech biomed biomol bioorg biophys bioprocess biosci biosens biostat biotechnol",
    "bot br bras bull calc can cancerol carbohydr carcinog cardiol cardiothorac",
    "cardiovasc catal cent ceram cerebrovasc chem chemother chim chin chromatogr",
    "chromosom circ clim climatol clin cogn coll colloid commun comp compr comput conf",
    "conserv constr contemp contrib coord corros crit crustac cryobiol cryst crystallogr",
    "curr cybern cytol cytom decis defic dement demogr deriv dermatol dev develop",
    "diabetol diagn dis disord dtsch dyn ecol econ ecotoxicol educ electroanal",
    "electrochem electrochim electron embryol emerg endocr endocrinol endod endosc eng",
    "engl entomol environ enzym epidemiol epigenet equilib ergon esthet ethnopharmacol",
    "ethol eukaryot eur europhys evol exerc exp explor fac fed ferment fertil fluoresc",
    "fr front funct gastroenterol gastrointest gen genet genomics geochem geochim geogr",
    "geol geomorphol geophys geotech geotherm geriatr gerontol glaciol glob glycoconj",
    "gynaecol gynecol haematol hazard helminthol hematol hepatol herpetol heterocycl",
    "hist histochem histol histopathol hortic hosp hum hydraul hydrobiol hydrogeol",
    "hydrol hyg hypertens ichthyol immun immunobiol immunol immunopathol immunother ind",
    "indian infect inflamm inform inorg inst instrum int integr integrat intensiv",
    "interdiscip intern invertebr invest ir isr ital jpn jt kinet lab lang laparosc",
    "laryngol lett limnol linguist macromol magn malacol mamm manag manuf mar mater",
    "matern math mech med medchem membr ment metab metall meteorol methodol microb",
    "microbiol microsc miner mod mol monogr morphol mult musculoskelet mutat mycol",
    "nanobiotechnol nanomater nanomed nanotechnol nat natl nematol neonatal neonatol",
    "nephrol netw neural neurobiol neurochem neuroendocrinol neuroethol neuroimmunol",
    "neurol neuropathol neuropharmacol neurophysiol neuropsychobiol neuropsychol",
    "neuroradiol neurosci neurosurg nucl numer nurs nutr obes obstet occup oceanogr ocul",
    "odontol oncol ophthalmol opt optoelectron optom org ornithol orthop otolaryngol",
    "paediatr palaeoclimatol palaeoecol palaeogeogr palaeontol paleoclimatol paleontol",
    "pancreatol parasit parasitol pathog pathol pediatr perinat perinatol periodontol",
    "pers perspect pestic petrol pharm pharmacoepidemiol pharmacogenomics pharmacokinet",
    "pharmacol pharmacother philol philos photobiol photochem photon photosynth phys",
    "physiol phytochem phytopathol plast pol polym popul pract prev prim primatol probab",
    "proc prod prof prog prot protoc psych psychiatr psychol psychopharmacol psychosom",
    "publ pulm purif q quant quat radiat radic radiol radiother reconstr rehabil relig",
    "renew rep reprod res resour respir resusc retrovirol rev rheumatol rom scand sci",
    "seismol semin sens sep sin soc sociobiol sociol spectrochim spectrom spectrosc stat",
    "stoch struct stud subst supercond supramol surf surg sustain symp syndr synth syst",
    "technol tecnol telecommun teratol theor ther therm thorac thromb tob toxicol trans",
    "transl transm transplant trop tropenmed tuberc ultrason ultrastruct univ urol vasc",
    "vet virol vis vitam volcanol zool zootech",
)
ABBREVIATED_WORDS = frozenset(" ".join(_WORD_LINES).split())

_SHORT = re.compile(r"[A-Z][a-z]{0,3}")  # "Phys", "Rev", "Acta", "J", "Q"


def is_abbreviated_word(word: str) -> bool:
    """Whether ``word`` (without its period) is an abbreviated journal-title word: a
    capitalised word of the vocabulary, or any capitalised word of four letters or fewer."""
    if not word[:1].isupper():
        return False
    return bool(_SHORT.fullmatch(word)) or word.lower() in ABBREVIATED_WORDS


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` ends with an abbreviated journal word and its period ("… Environ."):
    what ``(?:^|\\s)([A-Z][A-Za-z]*)\\.$`` finds, read from the end with str methods."""
    if text.endswith("\n"):
        text = text[:-1]  # "$" also stands before a final line break
    if not text.endswith(".") or len(text) < 2 or text[-2].isspace():
        return False
    word = text[:-1].rsplit(None, 1)[-1]  # after the last space, or from the start
    if not (word.isascii() and word.isalpha() and "A" <= word[0] <= "Z"):
        return False
    return is_abbreviated_word(word)


def is_abbreviated_journal(text: str) -> bool:
    """Whether ``text`` reads wholly as a period-abbreviated journal name ("Phys. Rev. Lett",
    "J. Hazard. Mater", "Sci. Total Environ"): at least two abbreviated words with periods,
    every word capitalised or a single letter, no sentence-like lowercase word."""
    head = text[:40].replace(".", ". ").split()[:-1]  # the first words (the last may be cut)
    if any(not t.lstrip("(")[:1].isupper() and t != "&" for t in head):
        return False  # a title: the whole text is not split for its first lowercase word
    tokens = text.replace(".", ". ").split()
    if len(tokens) < 2 or any(not t.lstrip("(")[:1].isupper() and t != "&" for t in tokens):
        return False  # most titles fail here, at their first lowercase word
    dotted = [t for t in tokens if t.endswith(".")]
    return bool(dotted) and all(is_abbreviated_word(t.rstrip(".")) for t in dotted)


__all__ = [
    "ABBREVIATED_WORDS",
    "ends_with_abbreviation",
    "is_abbreviated_journal",
    "is_abbreviated_word",
]
