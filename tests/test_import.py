"""CSV import in the admin: a preview with an error per bad row, and all rows or none saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from institutes.models import MepYear, NetworkMetric
from policykb.models import FundingAward
from tests.admin_forms import user_in_group

pytestmark = pytest.mark.django_db

FUNDING_HEADER = (
    "slug,kind,title_zh,title_en,program,institute,amount_usd,qualifier,amount_as_stated,"
    "source,locator\n"
)
GOOD_FUNDING = (
    "arp-lift-2023-test,award,轻量化测试拨款,Lightweighting test award,american-rescue-plan,lift,"
    "1500000,,150 万美元,idei-2022-6,美国商务部拨款 5400 万美元\n"
)


@pytest.fixture
def curator_client(client):
    client.cookies["django_language"] = "en"
    client.force_login(user_in_group("curator", "cora"))
    return client


def upload(client, model, csv_text):
    """Upload a CSV on the model's import page: the preview (a dry run) comes back."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("rows.csv", csv_text.encode(), content_type="text/csv")
    return client.post(url, {"format": "0", "import_file": upload})


def confirm(client, model, preview):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_process_import")
    return client.post(url, preview.context["confirm_form"].initial)


def row_errors(preview):
    """{line number: {column: [messages]}} of the preview's bad rows."""
    result = preview.context["result"]
    return {
        row.number: {
            field: [str(m) for m in messages] for field, messages in row.error.message_dict.items()
        }
        for row in result.invalid_rows
    }


def test_funding_rows_are_previewed_then_saved_with_their_sources(curator_client):
    preview = upload(curator_client, FundingAward, FUNDING_HEADER + GOOD_FUNDING)
    assert preview.status_code == 200
    assert not preview.context["result"].has_errors()
    assert "confirm_form" in preview.context
    assert not FundingAward.objects.filter(slug="arp-lift-2023-test").exists()  # only a preview

    assert confirm(curator_client, FundingAward, preview).status_code == 302
    award = FundingAward.objects.get(slug="arp-lift-2023-test")
    assert (award.amount_usd, award.program.slug, award.institute.slug) == (
        1500000,
        "american-rescue-plan",
        "lift",
    )
    assert [(c.source.slug, c.locator) for c in award.citations.all()] == [
        ("idei-2022-6", "美国商务部拨款 5400 万美元")
    ]
    assert award.history.get().history_user.username == "cora"


def test_a_bad_csv_names_each_bad_row_and_saves_nothing(curator_client):
    rows = (
        FUNDING_HEADER
        + GOOD_FUNDING
        + "arp-no-source,award,无来源,No source,american-rescue-plan,lift,100,,100 美元,,\n"
        + "arp-bad-program,award,错项目,Bad programme,no-such-programme,lift,100,,100 美元,"
        "idei-2022-6,表 1\n"
        + "arp-negative,award,负数,Negative,american-rescue-plan,lift,-5,,-5 美元,"
        "idei-2022-6,表 1\n"
    )
    count_before = FundingAward.objects.count()
    history_before = FundingAward.history.count()

    preview = upload(curator_client, FundingAward, rows)

    assert "confirm_form" not in preview.context
    errors = row_errors(preview)
    assert set(errors) == {2, 3, 4}
    assert errors[2]["source"] == ["Every row needs the slug of the source that states it."]
    assert errors[2]["locator"] == ["Say where the source states it (e.g. 表 1, §3.2)."]
    assert errors[3]["program"][0] == "No programme has the slug “no-such-programme”."
    assert "amount_usd" in errors[4]
    assert FundingAward.objects.count() == count_before
    assert FundingAward.history.count() == history_before
    assert not FundingAward.objects.filter(slug="arp-lift-2023-test").exists()


def test_a_year_of_mep_results_is_imported(curator_client):
    csv_text = (
        "slug,year,manufacturers,jobs,new_sales_usd,cost_savings_usd,return_per_dollar,"
        "source,locator\n"
        "mep-2021,2021,28000,106000,13500000000,2800000000,54.1,sun-luo,表 3\n"
    )
    preview = upload(curator_client, MepYear, csv_text)
    assert row_errors(preview) == {}
    assert confirm(curator_client, MepYear, preview).status_code == 302
    mep = MepYear.objects.get(slug="mep-2021")
    assert (mep.year, mep.jobs, str(mep.return_per_dollar)) == (2021, 106000, "54.1")
    assert [(c.source.slug, c.locator) for c in mep.citations.all()] == [("sun-luo", "表 3")]


def test_a_network_figure_row_updates_the_record_with_its_slug(curator_client):
    csv_text = (
        "slug,year,fiscal_year,metric,value,qualifier,value_as_stated,is_primary,source,locator\n"
        "2015-institutes-003,2015,0,institutes,8,,8 个,1,sun-luo,表 2\n"
    )
    preview = upload(curator_client, NetworkMetric, csv_text)
    assert row_errors(preview) == {}
    assert confirm(curator_client, NetworkMetric, preview).status_code == 302
    metric = NetworkMetric.objects.get(slug="2015-institutes-003")
    assert (metric.value, metric.value_as_stated) == (8, "8 个")
    assert metric.citations.filter(source__slug="sun-luo", locator="表 2").count() == 1


def test_a_viewer_cannot_import(client):
    client.force_login(user_in_group("viewer"))
    assert client.get(reverse("admin:policykb_fundingaward_import")).status_code == 403
