"""Importing a pol.is export: parsing and checks (plain Python), writing (service), the command, the sign of votes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.participation import polis
from kreiskurs.participation.models import Participant, Process, Statement, StatementVote, Visibility
from kreiskurs.participation.selectors.statements import tallies
from kreiskurs.participation.services.polis import import_polis
from tests import factories

T0 = 1_700_000_000  # 14.11.2023, seconds
COMMENTS_HEADER = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]


def write_export(
    folder: Path,
    comments: Iterable[tuple[Any, ...]],
    votes: Iterable[tuple[Any, ...]],
    *,
    summary: str
    | None = "topic,Digitaler Kreis\nurl,https://pol.is/4abc2demo\nconversation-description,Worum es geht\n",
    agree: int = 1,
) -> Path:
    """A Polis export: comments (id, author, moderated, body[, timestamp]) and votes (comment, voter, vote, seconds).

    ``vote`` is given in Kreiskurs's sense (1 agree); ``agree=-1`` writes it as raw Polis storage does.
    The agrees/disagrees columns are counted from the latest votes, as a correct export has them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    votes = list(votes)
    latest: dict[tuple[str, str], tuple[int, int]] = {}
    for cid, vid, value, at in votes:
        if (str(cid), str(vid)) not in latest or at >= latest[(str(cid), str(vid))][0]:
            latest[(str(cid), str(vid))] = (at, value)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMMENTS_HEADER)
    for cid, author, moderated, body, *rest in comments:
        at = rest[0] if rest else T0
        agrees = sum(1 for (c, _v), (_t, value) in latest.items() if c == str(cid) and value == 1)
        disagrees = sum(1 for (c, _v), (_t, value) in latest.items() if c == str(cid) and value == -1)
        writer.writerow([at, "Tue Nov 14 2023", cid, author, agrees, disagrees, moderated, body])
    (folder / "comments.csv").write_text(out.getvalue(), encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
    for cid, vid, value, at in votes:
        writer.writerow([at, "Tue Nov 14 2023", cid, vid, value * agree])
    (folder / "votes.csv").write_text(out.getvalue(), encoding="utf-8")
    if summary is not None:
        (folder / "summary.csv").write_text(summary, encoding="utf-8")
    return folder


COMMENTS = [
    (0, 0, 1, "Alle Ämter sollen online erreichbar sein."),
    (1, 1, 1, "Schulen brauchen schnelles Netz, auch auf dem Land."),
    (2, 2, -1, "Unsinn, das braucht keiner!"),
    (3, 0, 0, 'Ein Text mit "Anführungszeichen", Komma\nund Zeilenumbruch.'),
]
VOTES = [
    (0, 0, 1, T0 + 10),
    (0, 1, 1, T0 + 20),
    (0, 2, -1, T0 + 30),
    (0, 3, 0, T0 + 40),
    (1, 1, 1, T0 + 50),
    (1, 0, 1, T0 + 60),
    (1, 0, -1, T0 + 70),  # voter 0 changed their mind: disagree counts
    (1, 3, -1, T0 + 80),
    (2, 2, 1, T0 + 90),
    (3, 0, 1, T0 + 100),
    (3, 17, 0, T0 + 3600),
]


@pytest.fixture
def district() -> Any:
    return factories.DistrictFactory(key="05558", slug="coesfeld-test")


def counts(process: Process) -> dict[str, tuple[int, int, int]]:
    statements = {s.pk: s.external_id for s in Statement.objects.filter(process=process)}
    return {statements[pk]: (t.agree, t.disagree, t.passed) for pk, t in tallies(statements).items()}


# --- reading (plain Python) --------------------------------------------------------------------


def test_reading_keeps_the_latest_vote_and_finds_the_sign(tmp_path: Path) -> None:
    export = polis.read_export(write_export(tmp_path / "x", COMMENTS, VOTES))
    assert export.source_id == "pol.is/4abc2demo" and export.topic == "Digitaler Kreis"
    assert export.vote_rows == 11 and len(export.votes) == 10
    assert next(v.value for v in export.votes if (v.comment_id, v.voter_id) == ("1", "0")) == -1
    assert export.sign.agree_value == 1 and export.sign.matching == 4 and export.sign.compared == 4
    assert export.participant_ids == ["0", "1", "2", "3", "17"]
    assert export.comments[3].body == 'Ein Text mit "Anführungszeichen", Komma\nund Zeilenumbruch.'
    assert (export.first, export.last) == (T0 + 10, T0 + 3600)


def test_the_sign_is_detected_when_agree_is_minus_one(tmp_path: Path) -> None:
    export = polis.read_export(write_export(tmp_path / "raw", COMMENTS, VOTES, agree=-1))
    assert export.sign.agree_value == -1 and export.sign.matching == 4
    assert next(v.value for v in export.votes if (v.comment_id, v.voter_id) == ("0", "2")) == -1  # disagree
    assert next(v.value for v in export.votes if (v.comment_id, v.voter_id) == ("0", "0")) == 1  # agree
    assert "Zustimmung = -1" in export.sign.describe()


def test_counts_over_the_whole_history_also_reveal_the_sign(tmp_path: Path) -> None:
    """Some exports count every row of votes.csv (changed votes included) in agrees/disagrees."""
    folder = write_export(tmp_path / "hist", COMMENTS, VOTES, agree=-1)
    rows = list(csv.reader(io.StringIO((folder / "comments.csv").read_text())))
    assert rows[2][2] == "1" and rows[2][4:6] == ["1", "2"]  # comment 1, latest votes: 1 agree, 2 disagree
    rows[2][4:6] = ["2", "2"]  # the history: voter 0 agreed first, then disagreed
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "comments.csv").write_text(out.getvalue())
    assert polis.read_export(folder).sign.agree_value == -1


def test_an_undecidable_sign_asks_for_the_agree_value(tmp_path: Path) -> None:
    folder = write_export(tmp_path / "tie", [(0, 0, 1, "Eine These")], [(0, 0, 1, T0), (0, 1, -1, T0 + 1)])
    with pytest.raises(polis.PolisError, match="--agree-value"):
        polis.read_export(folder)
    export = polis.read_export(folder, agree_value=-1)
    assert export.sign.given and {v.voter_id: v.value for v in export.votes} == {"0": -1, "1": 1}


def test_authors_own_votes_catch_an_export_whose_both_files_carry_the_wrong_sign(tmp_path: Path) -> None:
    """One Polis server version wrote raw votes (agree = -1) and counted +1 as "agrees" in comments.csv."""
    comments = [(n, n, 1, f"These {n}") for n in range(6)]
    votes = [(n, n, 1, T0 + n) for n in range(6)]  # the authors' automatic agree
    votes += [(n, voter, value, T0 + 100 + n) for n in range(6) for voter, value in ((7, 1), (8, 1), (9, -1))]
    folder = write_export(tmp_path / "inverted", comments, votes, agree=-1)
    rows = list(csv.reader(io.StringIO((folder / "comments.csv").read_text())))
    for row in rows[1:]:
        row[4], row[5] = row[5], row[4]  # the buggy count: raw +1 (a disagree) reported as agree
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "comments.csv").write_text(out.getvalue())
    with pytest.raises(polis.PolisError, match="6 von 6 Autorinnen und Autoren ihrem eigenen Kommentar widersprochen"):
        polis.read_export(folder)
    export = polis.read_export(folder, agree_value=-1)
    assert {(v.comment_id, v.voter_id): v.value for v in export.votes}[("0", "0")] == 1
    assert polis.read_export(write_export(tmp_path / "right", comments, votes)).sign.agree_value == 1


def test_timestamps_in_milliseconds_and_unquoted_bodies_of_older_exports(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "comments.csv").write_text(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "1567824593598,Fri Sep 06 19:49:53 PDT 2019,259,409,1,0,-1,Architekten, Planer und Bauherren\n"
    )
    (folder / "votes.csv").write_text(
        "timestamp,datetime,comment-id,voter-id,vote\n1567824593700,Fri Sep 06 19:49:53 PDT 2019,259,409,1\n"
    )
    export = polis.read_export(folder)
    assert export.comments[0].body == "Architekten, Planer und Bauherren"
    assert export.votes[0].voted_at == pytest.approx(1567824593.7)
    assert export.source_id.startswith("sha256:")  # no summary.csv: the content identifies the export


@pytest.mark.parametrize(
    ("file", "line", "content", "expected"),
    [
        ("votes.csv", 3, "T0,x,0,5,2", "votes.csv, Zeile 3, Feld „vote“: „2“ ist keine Stimme"),
        ("votes.csv", 2, "T0,x,99,5,1", "votes.csv, Zeile 2, Feld „comment-id“: Kommentar „99“ fehlt"),
        ("votes.csv", 2, "abc,x,0,5,1", "votes.csv, Zeile 2, Feld „timestamp“: „abc“ ist keine ganze Zahl"),
        ("votes.csv", 2, "T0,x,0,,1", "votes.csv, Zeile 2, Feld „voter-id“: fehlt"),
        ("votes.csv", 2, "T0,x,0,5", "votes.csv, Zeile 2: 4 Werte, aber 5 Spalten"),
        ("votes.csv", 2, "9999999999,x,0,5,1", "liegt in der Zukunft"),
        (
            "comments.csv",
            3,
            "T0,x,0,1,0,0,1,Doppelt",
            "comments.csv, Zeile 3, Feld „comment-id“: 0 steht schon in Zeile 2",
        ),
        ("comments.csv", 2, "T0,x,7,1,0,0,2,Text", "comments.csv, Zeile 2, Feld „moderated“: „2“ ist nicht erlaubt"),
        ("comments.csv", 2, "T0,x,7,1,-3,0,1,Text", "Feld „agrees“: „-3“ ist negativ"),
    ],
)
def test_a_malformed_row_is_named_with_file_line_and_field(
    tmp_path: Path, file: str, line: int, content: str, expected: str
) -> None:
    folder = write_export(tmp_path / "bad", [(0, 0, 1, "Gut")], [(0, 1, 1, T0 + 1)])
    path = folder / file
    rows = path.read_text().splitlines()
    rows.insert(line - 1, content.replace("T0", str(T0)))
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(polis.PolisError) as info:
        polis.read_export(folder)
    assert expected in str(info.value) and str(folder) in str(info.value)


def test_missing_files_columns_and_broken_quotes(tmp_path: Path) -> None:
    folder = write_export(tmp_path / "f", [(0, 0, 1, "Gut")], [(0, 1, 1, T0 + 1)])
    (folder / "votes.csv").write_text("timestamp,comment-id,vote\n")
    with pytest.raises(polis.PolisError, match=r"votes.csv, Zeile 1: Spalte\(n\) fehlen: voter-id \("):
        polis.read_export(folder)
    (folder / "votes.csv").unlink()
    with pytest.raises(polis.PolisError, match=r"votes\.csv: Datei fehlt"):
        polis.read_export(folder)
    (folder / "votes.csv").write_text('timestamp,datetime,comment-id,voter-id,vote\n1,"x,0,1,1\n')
    with pytest.raises(polis.PolisError, match="ungültiges CSV"):
        polis.read_export(folder)
    (folder / "votes.csv").write_bytes(b"timestamp,datetime,comment-id,voter-id,vote\n1,\xff,0,1,1\n")
    with pytest.raises(polis.PolisError, match="Zeile 2: keine gültige UTF-8"):
        polis.read_export(folder)


def test_many_errors_are_listed_up_to_a_limit(tmp_path: Path) -> None:
    folder = write_export(tmp_path / "many", [(0, 0, 1, "Gut")], [(0, n, 7, T0 + n) for n in range(30)])
    with pytest.raises(polis.PolisError) as info:
        polis.read_export(folder)
    assert info.value.total == 30 and "… und 10 weitere Fehler" in str(info.value)


# --- writing -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_creates_a_closed_published_process_with_statements_participants_and_votes(
    tmp_path: Path, district: Any
) -> None:
    result = import_polis(by=None, district=district, folder=write_export(tmp_path / "x", COMMENTS, VOTES))
    process = result.process
    assert (process.template, process.external_source, process.external_id) == (
        "statements",
        "polis",
        "pol.is/4abc2demo",
    )
    assert process.published and process.state() == "closed" and process.title == "Digitaler Kreis"
    phase = process.phases.get()
    assert phase.kind == "statements" and phase.start.timestamp() == T0 + 10 and phase.end.timestamp() == T0 + 3600
    assert (result.statements, result.hidden, result.participants, result.votes) == (4, 1, 5, 10)
    hidden = Statement.objects.get(process=process, external_id="2")
    assert hidden.visibility == Visibility.HIDDEN and "pol.is" in hidden.hidden_reason
    assert counts(process) == {"0": (2, 1, 1), "1": (1, 2, 0), "2": (1, 0, 0), "3": (1, 0, 1)}
    p17 = Participant.objects.get(origin_process=process, external_id="17")
    assert p17.display_name == "Polis-Teilnehmende 17" and p17.district == district and p17.user is None
    author = Statement.objects.get(process=process, external_id="1").author
    assert author is not None and author.external_id == "1"
    assert StatementVote.objects.get(statement__external_id="1", participant__external_id="0").voted_at.timestamp() == (
        T0 + 70
    )


@pytest.mark.django_db
def test_imported_votes_are_right_whatever_the_sign_of_the_export(tmp_path: Path, district: Any) -> None:
    plus = import_polis(by=None, district=district, folder=write_export(tmp_path / "p", COMMENTS, VOTES)).process
    minus_folder = write_export(tmp_path / "m", COMMENTS, VOTES, agree=-1, summary="url,https://pol.is/other\n")
    minus = import_polis(by=None, district=district, folder=minus_folder).process
    assert counts(plus) == counts(minus)


@pytest.mark.django_db
def test_running_it_again_adds_nothing_and_says_so(tmp_path: Path, district: Any) -> None:
    folder = write_export(tmp_path / "x", COMMENTS, VOTES)
    out = io.StringIO()
    call_command("import_polis", str(folder), "--district", "05558", stdout=out)
    assert "Neues Verfahren" in out.getvalue() and "4 Thesen neu (davon 1 ausgeblendet)" in out.getvalue()
    assert "Zustimmung = +1" in out.getvalue()
    again = io.StringIO()
    call_command("import_polis", str(folder), "--district", "05558", stdout=again)
    assert "Schon importiert" in again.getvalue() and "nichts hinzugefügt" in again.getvalue()
    assert Process.objects.count() == 1 and Statement.objects.count() == 4
    assert Participant.objects.count() == 5 and StatementVote.objects.count() == 10


@pytest.mark.django_db
def test_a_later_export_of_the_same_conversation_adds_only_what_is_new(tmp_path: Path, district: Any) -> None:
    first = import_polis(by=None, district=district, folder=write_export(tmp_path / "a", COMMENTS, VOTES)).process
    later = [*COMMENTS, (4, 3, 1, "Neue These")]
    more = [*VOTES, (4, 3, 1, T0 + 7200), (0, 2, 1, T0 + 7300)]  # a new vote; voter 2 changes to agree on 0
    result = import_polis(by=None, district=district, folder=write_export(tmp_path / "b", later, more))
    assert result.process == first and not result.new_process
    assert (result.statements, result.participants, result.votes, result.changed_votes) == (1, 0, 1, 1)
    assert counts(first)["0"] == (3, 0, 1)
    assert first.phases.get().end.timestamp() == T0 + 7300


@pytest.mark.django_db
def test_a_malformed_export_imports_nothing(tmp_path: Path, district: Any) -> None:
    folder = write_export(tmp_path / "bad", COMMENTS, [*VOTES, (0, 5, 3, T0)])
    with pytest.raises(CommandError) as info:
        call_command("import_polis", str(folder), "--district", "05558")
    message = str(info.value)
    assert "votes.csv, Zeile 13, Feld „vote“" in message and "Nichts wurde importiert." in message
    assert not Process.objects.exists() and not Participant.objects.exists() and not StatementVote.objects.exists()
    with pytest.raises(CommandError, match="Kreis 99999 ist nicht importiert"):
        call_command("import_polis", str(folder), "--district", "99999")


@pytest.mark.django_db
def test_draft_imports_stay_unpublished_and_only_staff_see_them(tmp_path: Path, district: Any) -> None:
    folder = write_export(tmp_path / "x", COMMENTS, VOTES)
    call_command(
        "import_polis", str(folder), "--district", "05558", "--draft", "--title", "Testlauf", stdout=io.StringIO()
    )
    process = Process.objects.get()
    assert not process.published and process.title == "Testlauf"
    url = f"/{district.slug}/beteiligung/{process.pk}/thesen/"
    assert Client().get(url).status_code == 404
    assert Client().get(f"/api/v1/processes/{process.pk}/statements/").status_code == 404
    staff = Client()
    staff.force_login(factories.member(district, Role.STRATEGY_TEAM))
    body = staff.get(url).content.decode()
    assert "Alle Ämter sollen online erreichbar sein." in body and "nicht veröffentlicht" in body
    assert "2 stimmen zu · 1 stimmen nicht zu · 1 überspringen" in body


@pytest.mark.django_db
def test_the_imported_process_reads_like_any_other(tmp_path: Path, district: Any) -> None:
    process = import_polis(by=None, district=district, folder=write_export(tmp_path / "x", COMMENTS, VOTES)).process
    body = Client().get(f"/{district.slug}/beteiligung/{process.pk}/thesen/").content.decode()
    assert "Schulen brauchen schnelles Netz" in body and "Unsinn" not in body
    assert "In pol.is von der Moderation ausgeblendet." in body and 'name="vote"' not in body
    assert Client().get(f"/{district.slug}/beteiligung/{process.pk}/").status_code == 200


def test_the_parser_needs_no_django() -> None:
    for module in Path(polis.__file__).parent.glob("*.py"):  # polis is a package
        source = module.read_text(encoding="utf-8")
        assert "django" not in source.lower().replace("no django", ""), module.name


@pytest.mark.django_db
def test_a_later_export_that_moderates_a_comment_out_hides_it(tmp_path: Path, district: Any) -> None:
    first = import_polis(by=None, district=district, folder=write_export(tmp_path / "a", COMMENTS, VOTES)).process
    visible = Statement.objects.filter(process=first, visibility="visible").order_by("external_id").first()
    assert visible is not None
    later = [
        (cid, author, -1 if str(cid) == visible.external_id else moderated, body, *rest)
        for cid, author, moderated, body, *rest in COMMENTS
    ]
    import_polis(by=None, district=district, folder=write_export(tmp_path / "b", later, VOTES))
    visible.refresh_from_db()
    assert visible.visibility == "hidden" and "pol.is" in visible.hidden_reason


# --- a current-format export, as the Polis server writes it today ---------------------------------

CURRENT = Path(__file__).resolve().parents[3] / "tests" / "data" / "polis_current"
C0 = 1_731_000_000  # 7.11.2024 17:20 UTC, the fixture's first comment


def test_a_current_export_without_the_datetime_column_reads_value_by_value() -> None:
    """Newer comments.csv files drop ``datetime``; empty bodies are read, not refused."""
    export = polis.read_export(CURRENT)
    assert export.source_id == "pol.is/7xkzc4mhfe" and export.topic == "Digitale Verwaltung im Kreis"
    assert export.description == "Welche digitalen Angebote brauchen Sie vom Kreis und von Ihrer Gemeinde?"
    assert [(c.comment_id, c.author_id, c.moderated, c.line) for c in export.comments] == [
        ("0", "0", 1, 2),
        ("1", "0", 1, 3),
        ("2", "2", 1, 4),
        ("3", "3", -1, 5),
        ("4", "4", 0, 6),
        ("5", "5", -1, 7),
        ("6", "3", 0, 8),
        ("7", "6", 1, 9),
        ("8", "2", -1, 11),  # comment 7's body spans two lines
    ]
    bodies = {c.comment_id: c.body for c in export.comments}
    assert bodies["4"] == 'Das „Bürgerkonto“ soll für alle Ämter gelten, nicht nur für eins – "ein Login".'
    assert bodies["7"] == "Digitale Angebote brauchen Hilfe vor Ort:\nSprechstunden in der Bibliothek."
    assert [c.comment_id for c in export.without_text] == ["3", "6", "8"]
    assert export.comments[0].created == C0 and export.comments[8].created == C0 + 4000
    assert export.vote_rows == 33 and len(export.votes) == 32
    assert export.participant_ids == [str(n) for n in range(8)]  # 0 only wrote, never voted
    assert (export.first, export.last) == (C0 + 100, C0 + 5000)
    votes = {(v.comment_id, v.voter_id): (v.value, v.voted_at) for v in export.votes}
    assert votes[("1", "4")] == (-1, C0 + 5000)  # changed from agree: the later row counts
    assert votes[("0", "3")] == (-1, C0 + 160) and votes[("0", "4")] == (0, C0 + 190)
    assert votes[("2", "2")] == (1, C0 + 1200)  # the author's automatic agree


def test_the_sign_evidence_counts_only_the_comments_it_compared() -> None:
    """Comment 8 has neither counts nor votes: it is no evidence and must not count as a match (was 8 of 8)."""
    sign = polis.read_export(CURRENT).sign
    assert (sign.agree_value, sign.matching, sign.compared, sign.given) == (1, 7, 8, False)
    assert "bei 7 von 8 Kommentaren" in sign.describe()
    given = polis.read_export(CURRENT, agree_value=-1).sign
    assert given.matching <= given.compared == 8


def test_matching_comments_never_exceed_the_compared_ones(tmp_path: Path) -> None:
    comments = [*COMMENTS, (4, 1, 1, "Noch ohne Stimmen"), (5, 1, 1, "Auch ohne Stimmen")]
    sign = polis.read_export(write_export(tmp_path / "x", comments, VOTES)).sign
    assert (sign.matching, sign.compared) == (4, 4)


@pytest.mark.django_db
def test_a_current_export_imports_value_by_value(district: Any) -> None:
    out = io.StringIO()
    call_command("import_polis", str(CURRENT), "--district", "05558", stdout=out)
    process = Process.objects.get()
    assert (process.title, process.external_id, process.published) == (
        "Digitale Verwaltung im Kreis",
        "pol.is/7xkzc4mhfe",
        True,
    )
    phase = process.phases.get()
    assert (phase.start.timestamp(), phase.end.timestamp()) == (C0 + 100, C0 + 5000)
    moderated = "In pol.is von der Moderation ausgeblendet."
    no_text = "Der Kommentar kam aus pol.is ohne Text."
    rows = {
        s.external_id: (s.visibility, s.hidden_reason, s.author.external_id if s.author else None)
        for s in Statement.objects.filter(process=process).select_related("author")
    }
    assert rows == {
        "0": ("visible", "", "0"),
        "1": ("visible", "", "0"),
        "2": ("visible", "", "2"),
        "3": ("hidden", moderated, "3"),
        "4": ("visible", "", "4"),
        "5": ("hidden", moderated, "5"),
        "6": ("hidden", no_text, "3"),
        "7": ("visible", "", "6"),
        "8": ("hidden", moderated, "2"),
    }
    assert Statement.objects.get(process=process, external_id="5").text.startswith("Werbung:")
    assert Statement.objects.get(process=process, external_id="6").text == ""
    assert counts(process) == {
        "0": (4, 2, 1),
        "1": (2, 2, 1),
        "2": (3, 2, 0),
        "3": (1, 1, 0),
        "4": (3, 1, 1),
        "5": (1, 2, 0),
        "6": (1, 0, 0),
        "7": (3, 0, 1),
        "8": (0, 0, 0),
    }
    assert Participant.objects.filter(origin_process=process).count() == 8
    assert StatementVote.objects.filter(statement__process=process).count() == 32
    changed = StatementVote.objects.get(statement__external_id="1", participant__external_id="4")
    assert (changed.vote, changed.voted_at.timestamp()) == (-1, C0 + 5000)
    report = out.getvalue()
    assert "9 Thesen neu (davon 4 ausgeblendet), 8 Teilnehmende neu, 32 Stimmen neu" in report
    assert "Kommentar 3 (comments.csv, Zeile 5): ohne Text, in pol.is ausgeblendet" in report
    assert "Kommentar 6 (comments.csv, Zeile 8): ohne Text, daher ausgeblendet" in report
    assert "Kommentar 8 (comments.csv, Zeile 11): ohne Text, in pol.is ausgeblendet" in report
    assert "Kommentar 5 " not in report  # moderated out, but it has a text
    assert "Zustimmung = +1 (aus den Daten: bei 7 von 8 Kommentaren" in report


@pytest.mark.django_db
def test_the_statements_page_leads_with_the_visible_statements_and_counts_the_hidden(
    tmp_path: Path, district: Any
) -> None:
    """A conversation where Polis hid most comments: the visible ones come first, the hidden ones are counted."""
    comments = [(n, n, -1 if n < 12 else 1, f"These {n}") for n in range(15)]
    process = import_polis(by=None, district=district, folder=write_export(tmp_path / "x", comments, [])).process
    body = Client().get(f"/{district.slug}/beteiligung/{process.pk}/thesen/").content.decode()
    assert "15 Thesen, davon 12 ausgeblendet" in body
    first_hidden = body.index("In pol.is von der Moderation ausgeblendet.")
    assert all(body.index(f"These {n}<") < first_hidden for n in (12, 13, 14))


@pytest.mark.django_db
def test_an_empty_body_hides_that_comment_instead_of_refusing_the_conversation(tmp_path: Path, district: Any) -> None:
    comments = [*COMMENTS, (4, 1, -1, ""), (5, 1, 0, "  ")]
    result = import_polis(by=None, district=district, folder=write_export(tmp_path / "x", comments, VOTES))
    rows = Statement.objects.filter(process=result.process, visibility="hidden")
    hidden = dict(rows.values_list("external_id", "hidden_reason"))
    assert hidden == {
        "2": "In pol.is von der Moderation ausgeblendet.",
        "4": "In pol.is von der Moderation ausgeblendet.",
        "5": "Der Kommentar kam aus pol.is ohne Text.",
    }
    assert (result.statements, result.hidden) == (6, 3)
    assert result.without_text_lines() == [
        "Kommentar 4 (comments.csv, Zeile 7): ohne Text, in pol.is ausgeblendet",
        "Kommentar 5 (comments.csv, Zeile 8): ohne Text, daher ausgeblendet",
    ]


@pytest.mark.django_db
def test_the_audit_entry_keeps_the_comments_without_text(district: Any) -> None:
    from kreiskurs.audit.models import AuditEntry

    process = import_polis(by=None, district=district, folder=CURRENT).process
    entry = AuditEntry.objects.get(action="import", object_id=str(process.pk))
    text = str(entry.changes["pol.is"][1])
    assert "Kommentar 6 (comments.csv, Zeile 8): ohne Text, daher ausgeblendet" in text
    assert "bei 7 von 8 Kommentaren" in text
