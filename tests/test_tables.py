"""Sports rows in news copy: which lines are results, standings and fixtures, and where their team names are."""
from kg.model import Document, SourceText
from kg.tables import row_breaks, row_shapes, team_spans
from kg.text import prepare


def names(text: str) -> list[str]:
    return [text[s:e] for s, e in team_spans(text)]


def test_a_result_line_names_two_teams():
    assert names("Lotte 6 Hyundai 2 ( halftime 1-0 )") == ["Lotte", "Hyundai"]
    assert names("Borac 1 Mladost ( L ) 2") == ["Borac", "Mladost ( L )"]


def test_a_team_s_country_in_parentheses_is_not_part_of_its_name():
    assert names("Alba ( Germany ) 75 Red Star ( Yugoslavia ) 70 ( 42-41 )") == ["Alba", "Red Star"]


def test_standings_rows_count_only_as_a_list():
    table = "Watford 4 2 0 2 4 5 6\nFulham 4 3 0 1 5 3 9"
    assert names(table) == ["Watford", "Fulham"]
    assert names("Profits rose .\nNet 4 5 6\nSales fell .") == []


def test_a_baseball_standings_row_with_percentage_and_games_behind():
    assert names("NEW YORK 74 59 .556 -\nBALTIMORE 70 63 .526 4\nTORONTO 63 71 .470 11 1/2") == \
        ["NEW YORK", "BALTIMORE", "TORONTO"]


def test_fixtures_name_both_sides_and_a_schedule_row_the_visitors():
    assert names("Postponed : Birmingham v Barnsley , Manchester City v Charlton") == \
        ["Birmingham", "Barnsley", "Manchester City", "Charlton"]
    assert names("MINNESOTA AT MILWAUKEE\nKANSAS CITY AT DETROIT") == ["MINNESOTA", "KANSAS CITY"]


def test_prose_is_not_a_row():
    text = "Shr 1.20 dlrs vs 1.10 dlrs\nThe company said 3 of its 12 plants would close in 1988 ."
    assert names(text) == [] and row_shapes(text.split("\n")) == [None, None]


def test_the_text_stage_keeps_each_row_on_its_own_line():
    raw = "Results on Saturday :\nPartick 1 St Mirren 1\nLivingston 1 Hamilton 0\nThe league said it was\npleased ."
    content = prepare(SourceText(Document("d", "d"), raw)).content
    assert content == "Results on Saturday :\nPartick 1 St Mirren 1\nLivingston 1 Hamilton 0\nThe league said it was pleased ."
    assert row_breaks(raw) == {21, 43, 67}


def test_a_club_s_dated_fixture_list_names_the_opponents():
    assert names("May 17 v Northampton\nJuly 16-18 v Glamorgan ( three days )") == ["Northampton", "Glamorgan"]
