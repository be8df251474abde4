"""An edit that would make the set invalid is refused with the file format's problems,
shown at their fields where they have one, and nothing changes."""

import pytest

from egovrank.core.models import AuditEvent

from .helpers import SET, fresh, node_data, node_of

pytestmark = pytest.mark.usefixtures("english")
URL = f"/criteria/{SET}/edit/node/HT1/"


def test_a_maximum_below_the_group_cap_is_refused_and_changes_nothing(administrator_client, world):
    before = fresh().source_yaml

    response = administrator_client.post(URL, node_data(SET, "HT1", max_points="8"))

    assert response.status_code == 400
    text = response.content.decode()
    assert "The change was not saved: the set would have 1 problem." in text
    # The problem sits on the group, so it is listed with its place.
    assert "<td>HT › Maximum points</td>" in text
    assert '<td>Maximum points <code lang="en" class="field-name">max_points</code></td>' in text
    assert "the children&#x27;s maxima add up to 48, less than this maximum 50" in text
    assert fresh().source_yaml == before
    assert fresh().revision == 1
    assert not AuditEvent.objects.filter(target_type="criteria.criteriaversion").exists()


def test_a_rule_parameter_out_of_range_is_shown_at_its_field(administrator_client, world):
    response = administrator_client.post(
        f"/criteria/{SET}/edit/node/HT3.1/",
        node_data(SET, "HT3.1", rule_yes_points="7"),
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert (
        '<ul class="errorlist" id="id_rule_yes_points_error"><li>must be between 0 and the criterion&#x27;s maximum</li></ul>'
        in text
    )


def test_a_band_that_is_not_a_number_is_refused_by_the_form(administrator_client, world):
    response = administrator_client.post(
        URL, node_data(SET, "HT1", rule_mode="bands", rule_bands="50 | 5\nmột | 10")
    )

    assert response.status_code == 400
    assert "Line 2: &#x27;một&#x27; is not a number (threshold)." in response.content.decode()
    assert fresh().revision == 1


def test_bands_out_of_order_are_shown_at_the_bands(administrator_client, world):
    response = administrator_client.post(
        URL, node_data(SET, "HT1", rule_mode="bands", rule_bands="80 | 10\n50 | 5")
    )

    assert response.status_code == 400
    assert (
        'id="id_rule_bands_error"><li>bands must be in ascending order' in response.content.decode()
    )


def test_a_criterion_without_a_rule_is_refused(administrator_client, world):
    response = administrator_client.post(URL, node_data(SET, "HT1", rule_kind=""))

    assert response.status_code == 400
    assert 'id="id_rule_kind_error"><li>a criterion without sub-criteria needs a rule' in (
        response.content.decode()
    )


def test_a_group_given_a_rule_is_refused(administrator_client, world):
    response = administrator_client.post(
        f"/criteria/{SET}/edit/node/HT5/", node_data(SET, "HT5", rule_kind="yes_no")
    )

    assert response.status_code == 400
    assert "a group takes no rule" in response.content.decode()


def test_points_with_three_decimals_are_refused(administrator_client, world):
    response = administrator_client.post(URL, node_data(SET, "HT1", max_points="10,125"))

    assert response.status_code == 400
    assert "points have at most two decimal places" in response.content.decode()


def vietnamese_client(world):
    from django.test import Client

    client = Client()  # the default language, Vietnamese
    client.force_login(world.administrator)
    return client


def test_the_formats_problems_are_said_in_vietnamese(world):
    """The scoring core's messages carry their template and numbers (scoring/text.py);
    the page says them in Vietnamese with a decimal comma."""
    response = vietnamese_client(world).post(URL, node_data(SET, "HT1", max_points="8.5"))

    assert response.status_code == 400
    text = response.content.decode()
    assert "tổng điểm tối đa của các mục con là 48,5, nhỏ hơn điểm tối đa 50 của mục này" in text


def test_a_rules_problem_is_said_in_vietnamese_at_its_field(world):
    response = vietnamese_client(world).post(
        f"/criteria/{SET}/edit/node/HT3.1/", node_data(SET, "HT3.1", rule_yes_points="7")
    )

    assert response.status_code == 400
    assert "phải từ 0 đến điểm tối đa của tiêu chí" in response.content.decode()


def test_a_criterion_and_its_group_are_lowered_in_one_edit(administrator_client, world):
    # The refusal above is not a dead end: the group's maximum is on the same form.
    page = administrator_client.get(URL).content.decode()
    assert 'name="parent_max_points" value="50"' in page
    data = {**node_data(SET, "HT1", max_points="8"), "parent_max_points": "48"}
    response = administrator_client.post(URL, data)
    assert response.status_code == 302
    assert (node_of(SET, "HT1").max_points, node_of(SET, "HT").max_points) == (8, 48)
    assert fresh().revision == 2  # one edit, one revision
    event = AuditEvent.objects.filter(action__endswith="node_changed").latest("pk")
    before, after = event.data["before"], event.data["after"]
    assert (before["parent_max_points"], after["parent_max_points"]) == ("50", "48")
