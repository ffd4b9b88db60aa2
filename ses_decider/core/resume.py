"""The résumé as plain text: which stories it already uses, which ECQs it leaves without evidence,
and reading it from a .txt, .md or .docx file (standard library only).

**Which stories a résumé uses.** A story's distinctive marks are the numbers in its result and the
distinctive words of its title. A number counts when it has at least two digits and is not a year
(1950-2099): "38%", "$4.2M" and "1,200" give 38, 4.2 and 1200, while "3 teams" and "in 2023" give
nothing; commas are ignored and "4.20" is the same as "4.2". A title word is distinctive when it has
at least four letters and is not a common word (``COMMON_WORDS``). A résumé word matches a title word
when both share their first six letters (or are equal, when shorter): "modernized" matches
"Modernization". The résumé uses a story when it contains any of the story's result numbers, or at
least two of its distinctive title words (all of them when the title has only one). Common words
include everyday résumé verbs ("improved", "managed", "delivered"), compared by their first six
letters too, so "Improved claims processing" needs "claims" plus a number to match.

**ECQs without evidence.** An ECQ has evidence in the résumé when at least one story tagged with it
is used.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ses_decider.core.stories import Story, StoryError, check_stamp, now_stamp

STEM = 6
MIN_TITLE_WORD = 4
MAX_FILE_BYTES = 5 * 1024 * 1024  # USAJOBS's upload limit; a real résumé is far smaller
MAX_XML_BYTES = 50 * 1024 * 1024  # document.xml once unzipped: refuses zip bombs
COMMON_WORDS = frozenset(
    """
    about above across after against along also among around because before being below between
    both came come could does done down during each every first from have having into just last
    like made make many more most much must near next only other over same some such than that
    their them then there these they this those through under until upon very well were what when
    where which while will with within without would year years your
    agency office team teams program programs project projects initiative effort work working
    new led lead leading national federal department division branch unit staff
    improve improved improvement reduce reduced increase increased manage managed management
    develop developed development create created deliver delivered implement implemented
    establish established launch launched save saved design designed direct directed oversaw
    system systems process processes service services support operations strategy strategic
    planning policy policies
    """.split()
)
_COMMON_STEMS = frozenset(w[:6] for w in COMMON_WORDS)
# Not after a letter, digit, ".", "-" or "/": "FY2025", "GS-15" and "3/14" give no number.
_NUMBER = re.compile(r"(?<![\w.\-/])\$?(\d[\d,]*(?:\.\d+)?)")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Resume:
    """A person's résumé as plain text, and when it last changed (ISO 8601)."""

    text: str
    updated_at: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise StoryError("text", "must be text")
        if not self.updated_at:
            object.__setattr__(self, "updated_at", now_stamp())
        check_stamp("updated_at", self.updated_at)


class ResumeFileError(ValueError):
    """A résumé file could not be read; the message says which file and why, in plain words."""


# -- which stories a résumé uses -------------------------------------------------------------------


def _normal_number(raw: str) -> str | None:
    digits = raw.replace(",", "")
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    digits = re.sub(r"^0+(?=\d)", "", digits)  # "007" -> "7", "0.9" stays
    if sum(ch.isdigit() for ch in digits) < 2:
        return None
    if digits.isdigit() and 1950 <= int(digits) <= 2099:
        return None  # a year, not a result
    return digits


def numbers_in(text: str) -> set[str]:
    """The distinctive numbers in a text, normalised ("1,200" -> "1200", "4.50" -> "4.5")."""
    found = set()
    for raw in _NUMBER.findall(text):
        value = _normal_number(raw.rstrip(",."))
        if value is not None:
            found.add(value)
    return found


def _stem(word: str) -> str:
    return word.lower()[:STEM]


def title_words(title: str) -> set[str]:
    """The distinctive words of a title, as stems."""
    words = _LETTERS.findall(title)
    return {_stem(w) for w in words if len(w) >= MIN_TITLE_WORD and _stem(w) not in _COMMON_STEMS}


@dataclass(frozen=True)
class StoryUse:
    """How a résumé uses one story: the numbers and title words found (both empty: not used)."""

    story_id: str
    numbers: tuple[str, ...]
    title_words: tuple[str, ...]

    @property
    def used(self) -> bool:
        return bool(self.numbers or self.title_words)


def story_use(resume_text: str, story: Story) -> StoryUse:
    """Whether ``resume_text`` uses ``story``, by the rule in the module docstring."""
    numbers = sorted(numbers_in(story.result) & numbers_in(resume_text))
    wanted = title_words(story.title)
    present = {_stem(w) for w in _LETTERS.findall(resume_text)}
    hits = sorted(wanted & present)
    enough = 1 if len(wanted) == 1 else 2
    return StoryUse(story.id, tuple(numbers), tuple(hits) if len(hits) >= enough else ())


@dataclass(frozen=True)
class ResumeCheck:
    used: tuple[str, ...]  # ids of the stories the résumé uses, in the order given
    unused: tuple[str, ...]
    ecqs_without_evidence: tuple[str, ...]  # in the order of the ECQ ids given
    uses: dict[str, StoryUse]


def check_resume(resume_text: str, stories: Iterable[Story], ecq_ids: Sequence[str]) -> ResumeCheck:
    """Which stories the résumé uses and which of ``ecq_ids`` it leaves without evidence."""
    stories = list(stories)
    uses = {s.id: story_use(resume_text, s) for s in stories}
    used = [s for s in stories if uses[s.id].used]
    shown = {ecq for s in used for ecq in s.ecqs}
    return ResumeCheck(
        used=tuple(s.id for s in used),
        unused=tuple(s.id for s in stories if not uses[s.id].used),
        ecqs_without_evidence=tuple(e for e in ecq_ids if e not in shown),
        uses=uses,
    )


# -- reading files -------------------------------------------------------------------------------

SUPPORTED = (".txt", ".md", ".docx")


def read_resume_file(path: str | Path) -> str:
    """The text of a .txt, .md or .docx résumé; ResumeFileError for anything else or a damaged file.

    Line ends become "\\n". Markdown loses its heading marks, emphasis and link targets; list items
    become bullets. A .docx gives its paragraphs in order, list items as bullets.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        hint = " Save it as .docx first." if suffix in (".doc", ".rtf", ".odt", ".pages") else ""
        raise ResumeFileError(f"{path.name}: only .txt, .md and .docx résumés can be opened.{hint}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ResumeFileError(
                f"{path.name} is {size / 1048576:.1f} MB; a résumé file should be under 5 MB."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ResumeFileError(f"{path.name} could not be read: {exc.strerror or exc}") from None
    if suffix == ".docx":
        return docx_text(raw, path.name)
    text = decode_text(raw, path.name)
    return markdown_to_text(text) if suffix == ".md" else text


def decode_text(raw: bytes, name: str = "the file") -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 with one, else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise ResumeFileError(f"{name} is not a text file this app can read.") from None
    if "\x00" in text:
        raise ResumeFileError(f"{name} is not a plain text file.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$"), r"\1"),  # headings
    (re.compile(r"^(\s*)[-*+]\s+"), "\\1\u2022 "),  # bullets
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep the text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # italics
    (re.compile(r"`([^`]*)`"), r"\1"),  # code
]


def markdown_to_text(text: str) -> str:
    """Markdown as the plain text it reads as (headings, emphasis, links and bullets)."""
    lines = []
    for line in text.split("\n"):
        if re.fullmatch(r"\s{0,3}([-*_])(\s*\1){2,}\s*", line):
            lines.append("")  # a horizontal rule
            continue
        for pattern, replacement in _MD_RULES:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_text(raw: bytes, name: str = "the file") -> str:
    """The paragraphs of a .docx (word/document.xml), in order, one per line."""
    damaged = f"{name} is damaged or is not a Word (.docx) document"
    xml = _document_xml(raw, damaged)
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise ResumeFileError(f"{damaged}: it declares entities, which Word never writes.")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise ResumeFileError(f"{damaged}: {exc}.") from None
    body = root.find(f"{_W}body")
    if root.tag != f"{_W}document" or body is None:
        raise ResumeFileError(f"{damaged}: it has no document body.")
    paragraphs: list[str] = []
    _collect(body, None, paragraphs)
    return "\n".join(paragraphs)


def _document_xml(raw: bytes, damaged: str) -> bytes:
    import io
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                info = None
            if info is not None and info.file_size <= MAX_XML_BYTES:
                return archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError):
        raise ResumeFileError(f"{damaged}.") from None
    except (NotImplementedError, RuntimeError):  # an unknown compression method, or encrypted
        raise ResumeFileError(f"{damaged}, or it is protected by a password.") from None
    if info is None:
        raise ResumeFileError(f"{damaged}: it has no document text.")
    raise ResumeFileError(f"{damaged}: its text part is implausibly large.")


# Properties (tab stops, numbering, fonts) and tracked deletions hold no text to show.
_SKIP = {f"{_W}{t}" for t in ("pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "del", "moveFrom")}
_SKIP.add(_MC_FALLBACK)  # the same content again, for older readers


def _collect(element, parts: list[str] | None, paragraphs: list[str]) -> None:
    """Walk the body in document order; text goes to the innermost open paragraph."""
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == f"{_W}p":
            own: list[str] = []
            if child.find(f"{_W}pPr/{_W}numPr") is not None:
                own.append("\u2022 ")
            _collect(child, own, paragraphs)
            paragraphs.append("".join(own).rstrip())
            continue
        if parts is not None:
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
        _collect(child, parts, paragraphs)


def rules_text() -> list[str]:
    """How the résumé check decides, in plain sentences for the in-app explanation."""
    return [
        "A story counts as used when your résumé has one of the numbers in its result (two digits "
        "or more, not a year), or at least two of the distinctive words of its title (the only "
        "one, for a one-word title). Words match on their first six letters, so "
        "\u201cmodernized\u201d matches \u201cModernization\u201d.",
        "An ECQ has evidence in your résumé when a story tagged with it is used there.",
        "This is a quick check of your own words against your own stories, not how a board reads "
        "a résumé.",
    ]
