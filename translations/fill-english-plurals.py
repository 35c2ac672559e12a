#!/usr/bin/env python3
"""Fills the English plural forms in chairside_en.ts after lupdate.

Source strings write a count's noun as "appointment(s)"; English needs
"appointment" for one and "appointments" otherwise. Forms already filled are
kept, so a hand-written form (e.g. "child"/"children") survives. Messages the
rule cannot fill are listed, and the ctest `english_plurals` fails until
someone fills them by hand.
"""
import re
import sys
from pathlib import Path

ts = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("chairside_en.ts"))
text = ts.read_text(encoding="utf-8")
message = re.compile(
    r'(<message numerus="yes">\s*<source>(?P<source>[^<]*)</source>\s*)'
    r'<translation type="unfinished">\s*<numerusform></numerusform>\s*'
    r'<numerusform></numerusform>\s*</translation>',
    re.S)


def fill(match):
    source = match.group("source")
    one = re.sub(r"\((s|es)\)", "", source)
    many = re.sub(r"\((s|es)\)", r"\1", source)
    indent = "            "
    return (match.group(1) + "<translation>\n"
            + indent + "<numerusform>" + one + "</numerusform>\n"
            + indent + "<numerusform>" + many + "</numerusform>\n"
            + "        </translation>")


filled = message.sub(fill, text)
ts.write_text(filled, encoding="utf-8")
print(f"{ts}: {filled.count('<numerusform>')} plural forms")
