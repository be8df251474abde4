"""The form page: generated from the criteria tree, with every rule's inputs."""

from egovrank.assessments.tests.conftest import form_url


def test_it_shows_every_criterion_of_the_block(world, officer):
    response = officer.get(form_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("HT1", "HT3.1", "UD1", "WEB1.1", "NL1"):
        assert f'id="c-{code.replace(".", "_")}"' in html
    assert 'name="numerator"' in html  # ratio inputs
    assert 'value="yes"' in html  # yes/no inputs
    assert "htmx.min.js" in html


def test_it_shows_the_empty_form_as_zero_of_the_maximum(world, officer):
    html = officer.get(form_url(world)).content.decode()
    assert "0,00%" in html or "0.00%" in html
    assert "0 of 64 criteria" in html
