"""The search a reader (and the API) relies on: any record by Chinese or English name, acronym,
alias or a fragment of its text, best match first, grouped by kind, in a fixed number of queries."""

import pytest
from django.db import connection
from django.utils import translation

from institutes.models import Institute
from policykb.models import Organization
from policykb.search import EXACT, KINDS, forgiving_search, search, search_queryset, terms_of
from roadmaps.models import Project

pytestmark = pytest.mark.django_db


def slugs(group):
    return [hit.object.slug for hit in group.hits]


def group_of(groups, kind):
    return next(group for group in groups if group.kind == kind)


def test_an_acronym_finds_its_institute_first():
    groups = search("NIIMBL")
    assert groups[0].kind == "institute"
    assert groups[0].hits[0].object.slug == "niimbl"
    # The exact tier; PostgreSQL adds similarity and rank on top.
    assert groups[0].hits[0].score >= EXACT


def test_a_chinese_fragment_of_a_name_finds_the_institute():
    groups = search("增材")
    assert slugs(group_of(groups, "institute"))[0] == "america-makes"


def test_an_english_word_finds_the_institute_by_its_technology_before_a_company_named_so():
    groups = search("additive")
    assert groups[0].kind == "institute"
    assert slugs(groups[0])[0] == "america-makes"
    assert "ge-additive" in slugs(group_of(groups, "organization"))


def test_a_chinese_phrase_without_spaces_is_segmented_and_found_in_project_text():
    assert terms_of("数字主线") == ["数字", "主线"]
    projects = group_of(search("数字主线"), "project")
    assert slugs(projects)[0] == "digital-thread-supply-chain-roadmap"


def test_supply_chain_in_chinese_puts_the_area_named_so_first():
    areas = group_of(search("供应链"), "area")
    assert slugs(areas)[0] == "supply-chain-resilience"
    projects = group_of(search("供应链"), "project")
    assert {
        "digital-thread-supply-chain-roadmap",
        "steel-manufacturing-sustainable-supply-chain",
    } <= set(slugs(projects))


def test_an_organisation_is_found_by_name_and_its_projects_through_it():
    groups = search("Purdue")
    assert groups[0].kind == "organization"
    assert slugs(groups[0]) == ["purdue"]
    # Purdue leads one MFGTech project and is a partner in another.
    assert set(slugs(group_of(groups, "project"))) == {
        "pharma-biotech-freeze-thaw-drying",
        "cellular-agriculture-roadmap",
    }


def test_an_earlier_name_kept_as_an_alias_finds_the_institute():
    assert slugs(group_of(search("DMDII"), "institute")) == ["mxd"]


def test_a_short_acronym_matches_whole_words_only():
    # "AM" is an alias of America Makes; it must not match every "America" or "AMNPO".
    groups = search("AM")
    assert [group.kind for group in groups] == ["institute"]
    assert slugs(groups[0]) == ["america-makes"]


def test_a_hit_has_a_snippet_around_the_match_in_the_active_language():
    with translation.override("en"):
        hit = group_of(search("digital thread"), "project").hits[0]
    assert hit.object.slug == "digital-thread-supply-chain-roadmap"
    assert "Digital Thread" in hit.snippet or "digital thread" in hit.snippet


def test_groups_have_translated_labels():
    with translation.override("zh-hans"):
        assert str(search("NIIMBL")[0].label) == "研究所"
    with translation.override("en"):
        assert str(search("NIIMBL")[0].label) == "Institutes"


def test_kinds_narrow_the_search_and_limit_caps_each_group():
    groups = search("供应链", kinds=["project"], limit=1)
    assert [group.kind for group in groups] == ["project"]
    assert len(groups[0].hits) == 1
    assert groups[0].has_more


def test_an_empty_or_unmatched_query_finds_nothing():
    assert search("") == []
    assert search("   ") == []
    assert search("zzqxj-no-such-record") == []


def test_a_search_costs_one_query_per_kind_however_many_hits(django_assert_num_queries):
    with django_assert_num_queries(len(KINDS)):
        search("制造")
    with django_assert_num_queries(len(KINDS)):
        groups = search("NIST")
        for group in groups:
            for hit in group.hits:
                assert hit.title and hit.url


def test_search_queryset_ranks_within_one_model():
    ranked = search_queryset(Institute.objects.all(), "DMDII")
    assert list(ranked.values_list("slug", flat=True)) == ["mxd"]
    organisations = search_queryset(Organization.objects.all(), "University")
    assert organisations.count() > 5
    scores = [obj.search_score for obj in organisations]
    assert scores == sorted(scores, reverse=True)


def test_search_queryset_keeps_the_queryset_filters_and_returns_each_record_once():
    projects = search_queryset(
        Project.objects.filter(area__slug="industries-of-the-future"), "大学"
    )
    found = list(projects.values_list("slug", flat=True))
    assert len(found) == len(set(found))
    assert all(
        Project.objects.get(slug=slug).area.slug == "industries-of-the-future" for slug in found
    )
    assert "cellular-agriculture-roadmap" in found


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram and full-text search are PostgreSQL's"
)


@postgresql_only
def test_on_postgresql_a_misspelt_name_is_still_found():
    assert slugs(group_of(search("Purdeu"), "organization"))[0] == "purdue"


@postgresql_only
def test_on_postgresql_english_words_match_their_other_forms():
    # "roadmaps" appears in no title as such; full-text search stems it to "roadmap".
    projects = group_of(search("roadmaps"), "project")
    assert "heterogeneous-integration-packaging-roadmap" in slugs(projects)


# --- acronyms, programmes and typos (the synonym table, spelling suggestions) -----------------


def test_arp_and_american_rescue_plan_find_the_programme_first_and_its_13_awards():
    for query in ("ARP", "arp", "American Rescue Plan"):
        groups = search(query, limit=20)
        assert groups[0].kind == "program", query
        assert slugs(groups[0])[0] == "american-rescue-plan", query
        awards = group_of(groups, "funding")
        assert (
            len([h for h in awards.hits if h.object.program.slug == "american-rescue-plan"]) == 13
        )
    # The Act's own Chinese title names the law first, then the programme it funds.
    act = search("美国救援法案")
    assert slugs(act[0]) == ["american-rescue-plan-act"]
    assert slugs(group_of(act, "program")) == ["american-rescue-plan"]


def test_acronyms_of_programmes_and_agencies_come_first():
    assert slugs(search("CHIPS")[0]) == ["chips-for-america"]
    assert search("MEP")[0].kind == "agency"
    assert slugs(search("MEP")[0])[0] == "nist-mep"
    # NNMI is the policy's own short name; its synonym Manufacturing USA comes right after.
    nnmi = search("NNMI")
    assert slugs(nnmi[0])[0] == "nnmi"
    assert slugs(group_of(nnmi, "program"))[0] == "manufacturing-usa"


def test_manufacturing_usa_in_chinese_leads_with_the_programme():
    groups = search("美国制造")
    assert groups[0].kind == "program"
    assert slugs(groups[0])[0] == "manufacturing-usa"


def test_disagreements_are_found_by_their_topic():
    groups = search("America Makes")
    assert "discrepancy" in [group.kind for group in groups]


@pytest.mark.parametrize(
    ("typo", "spelling", "kind", "slug"),
    [
        ("addtive", "Additive", "institute", "america-makes"),
        ("semiconducter", "Semiconductor", "objective", "objective-1-2"),
        ("manufacuring", "Manufacturing", "program", "manufacturing-usa"),
        ("Niimble", "NIIMBL", "institute", "niimbl"),
    ],
)
def test_a_misspelt_word_is_searched_as_its_closest_spelling(typo, spelling, kind, slug):
    results = forgiving_search(typo)
    assert results.corrected
    assert results.suggestion == spelling
    assert slug in slugs(group_of(results.groups, kind))


def test_a_query_that_finds_a_name_is_not_second_guessed(django_assert_num_queries):
    assert forgiving_search("additive").suggestion is None
    # "Purdu" finds Purdue University by its prefix: no spelling check, no extra query.
    with django_assert_num_queries(len(KINDS)):
        results = forgiving_search("Purdu")
    assert not results.corrected
    assert results.suggestion is None
    assert slugs(group_of(results.groups, "organization"))[0] == "purdue"


def test_nothing_close_suggests_nothing():
    results = forgiving_search("xqzvw")
    assert results.groups == []
    assert results.suggestion is None


def test_the_search_page_shows_one_box_and_what_it_searched_instead(client):
    page = client.get("/en/search/", {"q": "addtive"}).content.decode()
    assert page.count('type="search"') == 1
    assert "Showing results for “Additive”" in page
    assert "/en/institutes/america-makes/" in page
    zh = client.get("/zh/search/", {"q": "Niimble"}).content.decode()
    assert zh.count('type="search"') == 1
    assert "/zh/institutes/niimbl/" in zh


def test_the_api_search_knows_acronyms(client):
    body = client.get("/api/funding/", {"search": "ARP", "page_size": 50}).json()
    assert body["count"] >= 13
    assert {row["program"] for row in body["results"][:13]} == {"american-rescue-plan"}
