"""The HTML report's inline style sheet and script (no external assets, no network).

The script's one job is the severity filter: the checkboxes, and ``#hide=info,warning`` in
the page address (a link an editor can share; the browser test uses it), both call
``applyFilter``, which sets ``hidden`` on every element with a ``data-severity``.
"""

from __future__ import annotations

STYLE = """
:root{--err:#b3261e;--warn:#9a5b00;--info:#0b62b5;--ok:#2e7d32;--grey:#667085;
--bg:#fff;--fg:#1d2433;--line:#e3e6ec;--soft:#f5f7fa;--mark:#fff1a8}
*{box-sizing:border-box}
[id]{scroll-margin-top:7.5rem}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);
padding:.6rem 1.5rem}
header h1{margin:0;font-size:1.3rem}
.tool{margin:.1rem 0 .3rem;color:var(--grey);font-size:.9rem}
.coverage{margin:.1rem 0 .3rem;font-size:.9rem}
.coverage.partial,.failed{color:var(--err);font-weight:600}
.filters{display:flex;gap:1rem;align-items:center;font-size:.9rem}
.filters label{cursor:pointer;font-weight:600}
#shown-count{color:var(--grey)}
main{max-width:1180px;margin:0 auto;padding:0 1.5rem 3rem}
h2{font-size:1.15rem;margin:1.4rem 0 .6rem;word-break:break-all}
h3{font-size:1.05rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);
padding-bottom:.2rem}
h3 small{color:var(--grey);font-weight:normal}
.summary{display:flex;flex-wrap:wrap;gap:.6rem}
.count{border:1px solid var(--line);border-radius:8px;padding:.4rem .9rem;min-width:7rem;
background:var(--soft)}
.count .n{display:block;font-size:1.5rem;font-weight:700}
.count .what{color:var(--grey);font-size:.85rem}
.count-error .n{color:var(--err)}.count-warning .n{color:var(--warn)}
.count-info .n{color:var(--info)}
ul.findings{list-style:none;padding:0;margin:.3rem 0}
li.finding{padding:.3rem .5rem;border-left:4px solid var(--line);margin:.25rem 0;
background:var(--soft);border-radius:0 6px 6px 0}
li.finding.sev-error{border-color:var(--err)}li.finding.sev-warning{border-color:var(--warn)}
li.finding.sev-info{border-color:var(--info)}
.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700}
.loc{font-family:ui-monospace,Menlo,Consolas,monospace;color:var(--grey);font-size:.85rem}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.78rem;
font-weight:600;color:#fff;background:var(--grey);vertical-align:1px}
.badge.sev-error,.badge.st-error,.badge.online-wrong-work,.badge.online-not-registered,
.badge.verdict-mismatch{background:var(--err)}
.badge.sev-warning,.badge.st-warning,.badge.online-mismatch,.badge.verdict-not-found{
background:var(--warn)}
.badge.sev-info,.badge.st-info,.badge.online-found{background:var(--info)}
.badge.st-ok,.badge.online-verified,.badge.verdict-linked{background:var(--ok)}
.tag{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 .35rem;
font-size:.75rem;color:var(--grey);margin-left:.35rem}
a.reflink{text-decoration:none;font-family:ui-monospace,Menlo,Consolas,monospace;
font-size:.85rem}
ol.claims{list-style:none;padding:0;margin:0}
.reftable{border:1px solid var(--line);border-radius:8px;font-size:.9rem}
.refhead,details.ref>summary{display:grid;grid-template-columns:3rem 8rem 3.2rem 1fr 6.5rem
14rem 3.5rem;gap:.5rem;padding:.25rem .6rem;align-items:baseline}
.refhead{background:var(--soft);font-weight:600;border-bottom:1px solid var(--line)}
details.ref{border-bottom:1px solid var(--line);border-left:5px solid transparent}
details.ref>summary{cursor:pointer;list-style:none}
details.ref>summary::-webkit-details-marker{display:none}
details.ref[open]>summary{background:var(--soft)}
.c-title{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
details.ref[open] .c-title{white-space:normal}
.c-doi{overflow-wrap:anywhere;font-size:.82rem}
.ref-body{padding:.3rem .8rem .6rem 3.6rem}
details.ref:target,tr.citation:target,li.claim:target{outline:3px solid var(--mark)}
details.ref.st-problem{border-left-color:var(--err)}
details.ref.st-check{border-left-color:var(--warn)}
details.ref.st-note{border-left-color:var(--info)}
details.ref.st-verified{border-left-color:var(--ok)}
.badge.st-problem{background:var(--err)}.badge.st-check{background:var(--warn)}
.badge.st-note{background:var(--info)}.badge.st-verified{background:var(--ok)}
.badge.st-not-verified{background:#fff;color:var(--grey);border:1px solid var(--grey)}
.top{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem;margin:.4rem 0 1rem}
dl.facts{display:grid;grid-template-columns:6.5rem 1fr;margin:0 0 .5rem;font-size:.9rem}
dl.facts dt{color:var(--grey)}dl.facts dd{margin:0;word-break:break-word}
dd.checked.offline{font-weight:600;color:var(--warn)}
.statuses{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-start}
.st-count-problem .n{color:var(--err)}.st-count-check .n{color:var(--warn)}
.st-count-verified .n{color:var(--ok)}.st-count-note .n{color:var(--info)}
details.legend{font-size:.85rem;max-width:34rem}
details.legend dl{display:grid;grid-template-columns:7rem 1fr;gap:.2rem .5rem;margin:.3rem 0}
details.legend dd{margin:0}
dl.legend-print{display:none}
.needs-attention h3{margin-top:.8rem}
ol.attention{margin:.2rem 0;padding-left:1.6rem}
ol.attention li{margin:.2rem 0}
.reflink.missing{color:var(--err);font-family:ui-monospace,Menlo,Consolas,monospace;
font-size:.85rem;text-decoration:line-through}
q.phrase{color:var(--grey);font-size:.85rem}
.section{color:var(--grey);font-size:.85rem}
details.citations>summary{cursor:pointer}
details.citations>summary h3{display:inline-block;border:0}
details.info-findings>summary{cursor:pointer;color:var(--info);font-size:.9rem}
.refno{font-weight:700}
.ref-meta{display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline;margin-top:.15rem}
.cites{margin-left:auto;color:var(--grey);font-size:.82rem}
.registry{margin-top:.4rem;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
table.evidence th:first-child{width:6rem}
tr.diff td,tr.diff th{background:#fdecea}
tr.diff td:nth-child(2),tr.diff td:nth-child(3){font-weight:600;color:var(--err)}
li.claim{border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;margin:.5rem 0}
.claim-id{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700}
blockquote.sentence{margin:.4rem 0;padding:.3rem .8rem;border-left:4px solid var(--line);
background:var(--soft)}
.explanation,.note,.detail{color:var(--grey);font-size:.88rem;margin:.2rem 0}
mark{background:var(--mark);padding:0 .1rem;border-radius:2px}
table.citations td.context{width:70%}
table.citations td:first-child{color:var(--grey);width:2.5rem}
.none{color:var(--grey)}
[hidden]{display:none!important}
@media print{header{position:static}.filters,#path-filter,details.legend>summary,
.info-findings,details.citations,#shown-count,details.legend{display:none}
dl.legend-print{display:grid;grid-template-columns:7rem 1fr;gap:.1rem .5rem;font-size:.85em}
dl.legend-print dd{margin:0}
body{font-size:11px}main{max-width:none;padding:0}
details.ref>summary{grid-template-columns:2.4rem 6rem 2.6rem 1fr 5.5rem 11rem 2.6rem}
details.ref,li.claim,tr{break-inside:avoid}.top{break-after:auto}
a{color:inherit;text-decoration:none}
.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.sev-filter"));
  var output = document.getElementById("shown-count");

  function applyFilter(hidden) {
    var shown = 0, total = 0;
    document.querySelectorAll("[data-severity]").forEach(function (el) {
      var hide = hidden.indexOf(el.getAttribute("data-severity")) >= 0;
      el.hidden = hide;
      if (el.closest(".findings-list")) { total += 1; if (!hide) { shown += 1; } }
    });
    boxes.forEach(function (b) { b.checked = hidden.indexOf(b.value) < 0; });
    document.documentElement.setAttribute("data-hidden", hidden.join(","));
    if (output) { output.textContent = "showing " + shown + " of " + total + " findings"; }
  }

  function hiddenByBoxes() {
    return boxes.filter(function (b) { return !b.checked; }).map(function (b) {
      return b.value;
    });
  }

  function hiddenByAddress() {
    var m = /(?:^#|&)hide=([a-z,]*)/.exec(window.location.hash);
    return m ? m[1].split(",").filter(Boolean) : [];
  }

  boxes.forEach(function (b) {
    b.addEventListener("change", function () { applyFilter(hiddenByBoxes()); });
  });
  window.addEventListener("hashchange", function () { applyFilter(hiddenByAddress()); });
  function openTarget() {
    var id = window.location.hash.slice(1);
    var el = id && /^[A-Za-z0-9_-]+$/.test(id) ? document.getElementById(id) : null;
    for (; el; el = el.parentElement) { if (el.tagName === "DETAILS") { el.open = true; } }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  window.citecheckApplyFilter = applyFilter;
  applyFilter(hiddenByAddress());
})();
"""
