"""The brief as one self-contained HTML document (no Qt): printable, and the source of the PDF.

Everything the person typed (their name, notes, their own factors, plan steps) is escaped; so is the
bundled content. The markup keeps to what both browsers and Qt's rich-text engine understand, so the
same HTML makes the PDF (``report/pdf.py``): charts are inline SVG here, and images the PDF supplies
when ``chart_src`` is given. What the sections say is in ``report/sections.py`` and the modules it
lists.
"""

from __future__ import annotations

from ses_decider.report import sections
from ses_decider.report.brief import Brief
from ses_decider.report.markup import ChartSrc, e

__all__ = ["e", "render_html"]

STYLE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif;
       font-size: 10pt; color: #1a1a1a; line-height: 135%; }
h1 { font-size: 19pt; font-weight: bold; margin-top: 0px; margin-bottom: 2px; color: #13294b; }
h2 { font-size: 13pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px; color: #13294b; }
p { margin-top: 3px; margin-bottom: 5px; }
ul { margin-top: 2px; margin-bottom: 4px; }
li { margin-bottom: 2px; }
.sub { font-size: 10.5pt; color: #444444; margin-bottom: 8px; }
.small { font-size: 8.5pt; color: #444444; }
.verdict { font-size: 18pt; font-weight: bold; white-space: nowrap; }
.label { font-size: 8.5pt; color: #444444; }
table { border-collapse: collapse; }
table.grid { width: 100%; }
table.grid th { font-size: 8.5pt; font-weight: bold; text-align: left; background-color: #e9edf2;
                border-bottom: 1px solid #9aa5b1; padding: 4px; }
table.grid td { font-size: 8.5pt; vertical-align: top; border-bottom: 1px solid #d5d9de;
                padding: 4px; line-height: 125%; }
table.grid td.num, table.grid th.num { text-align: right; white-space: nowrap; }
table.grid tr.total td { font-weight: bold; border-bottom: 0px; }
tr, img, svg, table.keep { page-break-inside: avoid; break-inside: avoid; }
.pro { color: #1f6b40; }
.con { color: #9c2a1e; }
.chart { line-height: 100%; margin-top: 2px; margin-bottom: 0px; }
sup { font-size: 7.5pt; }
table.keep { margin-top: 10px; }
"""
# Only for browsers: Qt's rich text would apply the body rule inside @media to the PDF as well.
BROWSER_STYLE = """
@page { size: letter; margin: 0.7in 0.75in 0.8in 0.75in; }
td, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
@media screen { body { max-width: 7.5in; margin: 24px auto; } }
"""


def render_html(brief: Brief, chart_src: ChartSrc = None) -> str:
    """The whole brief as an HTML document, section by section (``report/sections.py``).

    ``chart_src`` maps chart names ("contribution", "tornado", "quadrant") to image URLs; without it
    the charts are inline SVG, so the file needs nothing beside it.
    """
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>SES decision brief \u2014 {e(brief.person)}</title>",
        f"<style>{STYLE}{BROWSER_STYLE if chart_src is None else ''}</style></head><body>",
    ]
    for section in sections.SECTIONS:
        parts += section.render(brief, chart_src)
    parts.append("</body></html>")
    return "\n".join(parts)
