"""The résumé: which stories it uses, which ECQs it leaves bare, and opening .txt / .md / .docx."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.resume import (
    ResumeFileError,
    check_resume,
    docx_text,
    markdown_to_text,
    numbers_in,
    read_resume_file,
    story_use,
    title_words,
)
from ses_decider.core.stories import Story

DATA = Path(__file__).parent.parent / "data"
RESUME = (DATA / "resume_one_page.txt").read_text(encoding="utf-8")
CURRENT = ["rule_of_law", "driving_efficiency", "merit_competence", "leading_people"]
CURRENT.append("achieving_results")

BACKLOG = Story(
    title="Claims backlog recovery",
    result="The backlog fell 38% in 18 months.",
    ecqs=("achieving_results", "leading_people"),
)
SYSTEMS = Story(
    title="One case system instead of three",
    result="Saved $14.6 million a year.",
    ecqs=("driving_efficiency",),
)
UNUSED = Story(
    title="Wildfire evacuation exercise",
    result="Evacuated 3 buildings in under 20 minutes.",
    ecqs=("rule_of_law", "merit_competence"),
)


def test_a_story_is_used_when_its_result_numbers_appear():
    use = story_use(RESUME, SYSTEMS)
    assert use.used and use.numbers == ("14.6",)


def test_a_story_is_used_when_two_distinctive_title_words_appear():
    story = Story(title="Backlog of disability claims", result="Much better.")
    use = story_use(RESUME, story)
    assert use.used and set(use.title_words) == {"backlo", "disabi", "claims"}


def test_one_title_word_alone_is_not_enough_unless_it_is_the_only_one():
    assert not story_use(RESUME, Story(title="Claims fraud ring", result="Good.")).used
    assert story_use(RESUME, Story(title="Consolidation", result="Good.")).used


def test_common_words_years_and_small_numbers_do_not_count():
    assert title_words("Led the new national program team") == set()
    assert title_words("Improved claims processing") == {"claims"}
    assert numbers_in("In 2023, 3 teams in FY2025 at GS-15 on 3/14") == set()
    assert numbers_in("38%, $4.20M, 1,200 staff and 0.9% errors") == {"38", "4.2", "1200", "0.9"}


def test_the_check_lists_used_stories_and_ecqs_without_evidence():
    result = check_resume(RESUME, [BACKLOG, UNUSED, SYSTEMS], CURRENT)
    assert result.used == (BACKLOG.id, SYSTEMS.id)
    assert result.unused == (UNUSED.id,)
    assert result.ecqs_without_evidence == ("rule_of_law", "merit_competence")


def test_an_empty_resume_uses_nothing_and_leaves_every_ecq_bare():
    result = check_resume("", [BACKLOG, SYSTEMS], CURRENT)
    assert result.used == () and result.ecqs_without_evidence == tuple(CURRENT)


@given(st.text(max_size=300))
def test_adding_text_never_unuses_a_story(extra):
    for story in (BACKLOG, SYSTEMS, UNUSED):
        if story_use(RESUME, story).used:
            assert story_use(RESUME + "\n" + extra, story).used


# -- files ---------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, body_xml: str) -> Path:
    """A minimal .docx of the kind Word writes: content types, relationships, the document."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType'
            '="application/xml"/><Override PartName="/word/document.xml" ContentType="application'
            '/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
            'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas'
            '.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/'
            'document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f"<w:body>{body_xml}<w:sectPr/></w:body></w:document>",
        )
    return path


def para(*runs: str, bullet: bool = False) -> str:
    props = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>'
    props += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if bullet else ""
    props += "</w:pPr>"
    body = "".join(
        f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(r)}</w:t></w:r>' for r in runs
    )
    return f"<w:p>{props}{body}</w:p>"


def test_docx_paragraphs_come_out_in_order_with_bullets_tabs_and_tables(tmp_path):
    body = (
        para("JORDAN A. RIVERA")
        + para("Director, ", "Claims Operations")
        + para("Cut the backlog 38% in 18 months.", bullet=True)
        + "<w:p><w:r><w:t>Dates</w:t></w:r><w:r><w:tab/><w:t>2019 &amp; on</w:t></w:r></w:p>"
        + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc>"
        + "<w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        + "<w:p><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>"
        + "<w:r><w:t>kept</w:t><w:br/><w:t>next line</w:t></w:r></w:p>"
        + "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>box</w:t></mc:Choice>"
        + "<mc:Fallback><w:t>box</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    path = write_docx(tmp_path / "resume.docx", body)
    assert read_resume_file(path).split("\n") == [
        "JORDAN A. RIVERA",
        "Director, Claims Operations",
        "\u2022 Cut the backlog 38% in 18 months.",
        "Dates\t2019 & on",
        "Cell one",
        "Cell two",
        "kept",
        "next line",
        "box",
    ]


def test_a_docx_resume_is_checked_like_text(tmp_path):
    lines = RESUME.split("\n")
    path = write_docx(tmp_path / "r.docx", "".join(para(line) for line in lines))
    text = read_resume_file(path)
    assert text == RESUME
    assert check_resume(text, [SYSTEMS], CURRENT).used == (SYSTEMS.id,)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "damaged"),
        (lambda p: p.write_bytes(b""), "damaged"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("other.xml", "<a/>"), "no document text"),
        (
            lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w:document"),
            "damaged",
        ),
        (
            lambda p: zipfile.ZipFile(p, "w").writestr(
                "word/document.xml",
                '<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document xmlns:w="x">&a;</w:document>',
            ),
            "entities",
        ),
        (
            lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<html/>"),
            "no document body",
        ),
    ],
)
def test_a_damaged_docx_gets_a_clear_error(tmp_path, make, message):
    path = tmp_path / "broken.docx"
    make(path)
    with pytest.raises(ResumeFileError, match=message) as info:
        read_resume_file(path)
    assert "broken.docx" in str(info.value)


def test_a_truncated_docx_is_damaged(tmp_path):
    good = write_docx(tmp_path / "good.docx", para("x" * 5000)).read_bytes()
    with pytest.raises(ResumeFileError, match="damaged"):
        docx_text(good[: len(good) // 2], "half.docx")


def test_text_files_of_any_usual_encoding_and_line_end(tmp_path):
    (tmp_path / "a.txt").write_bytes("Résumé\r\nline two\r\n".encode())
    (tmp_path / "b.txt").write_bytes("\ufeffRésumé\rline two".encode())
    (tmp_path / "c.txt").write_bytes("Résumé – dash\n".encode("cp1252"))
    (tmp_path / "d.txt").write_bytes("Résumé\n".encode("utf-16"))
    assert read_resume_file(tmp_path / "a.txt") == "Résumé\nline two\n"
    assert read_resume_file(tmp_path / "b.txt") == "Résumé\nline two"
    assert read_resume_file(tmp_path / "c.txt") == "Résumé – dash\n"
    assert read_resume_file(tmp_path / "d.txt") == "Résumé\n"


def test_markdown_reads_as_the_text_it_shows(tmp_path):
    source = (
        "# Jordan A. Rivera\n"
        "**Director**, *Claims Operations*\n"
        "---\n"
        "- Cut the backlog [38%](https://example.com) in 18 months\n"
        "* Saved `$14.6 million`\n"
        "Snake_case_word and 3 * 4 stay\n"
    )
    (tmp_path / "r.md").write_text(source, encoding="utf-8")
    assert read_resume_file(tmp_path / "r.md") == (
        "Jordan A. Rivera\n"
        "Director, Claims Operations\n"
        "\n"
        "\u2022 Cut the backlog 38% in 18 months\n"
        "\u2022 Saved $14.6 million\n"
        "Snake_case_word and 3 * 4 stay\n"
    )
    assert markdown_to_text("## Heading ##") == "Heading"


@pytest.mark.parametrize(("name", "hint"), [("r.pdf", ""), ("r.doc", "Save it as .docx")])
def test_other_file_types_are_refused_by_name(tmp_path, name, hint):
    (tmp_path / name).write_bytes(b"%PDF-1.7")
    with pytest.raises(ResumeFileError, match=r"only \.txt, \.md and \.docx") as info:
        read_resume_file(tmp_path / name)
    assert hint in str(info.value)


def test_binary_data_and_missing_files_are_clear_errors(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d")
    with pytest.raises(ResumeFileError, match="not a text file"):
        read_resume_file(tmp_path / "bin.txt")
    with pytest.raises(ResumeFileError, match="could not be read"):
        read_resume_file(tmp_path / "missing.txt")


def test_rules_text_says_how_stories_are_matched():
    from ses_decider.core.resume import rules_text

    text = " ".join(rules_text())
    assert "first six letters" in text and "not a year" in text
