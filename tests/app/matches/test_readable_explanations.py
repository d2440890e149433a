"""The ranking's sentences say sectors as words on both databases (issue 24): "works in health
sciences", and the note on sectors read from a need's words names them the same way, while
the records and the filters keep the stored values."""

from fastapi.testclient import TestClient

from tests.helpers import organization, post


def test_explanations_and_notes_say_sectors_in_words(
    client: TestClient, admin: dict[str, str]
) -> None:
    hospital = organization(
        name="Meridian Health",
        sectors=["health_sciences"],
        region="Capital Region",
        description="Hospital system: nursing, phlebotomy and patient care technicians.",
    )
    org = post(client, admin, "organizations", hospital)
    assert org["sectors"] == ["health_sciences"]
    need = post(client, admin, "needs", {
        "title": "Nursing job shadows", "engagement_type": "job_shadow",
        "program": "Valley CNA Pathway", "sectors": ["health_sciences"],
        "partner_kinds": ["employer"]})  # fmt: skip
    data = client.get(f"/v1/needs/{need['id']}/matches", headers=admin).json()
    [meridian] = [m for m in data["items"] if m["organization_id"] == org["id"]]
    assert "works in health sciences" in meridian["explanation"]
    assert not any("health_sciences" in r for r in meridian["explanation"])

    # No sectors given: the ones read from the words are named as words too.
    words = post(client, admin, "needs", {
        "title": "Clinical hours for certified nursing assistant students",
        "engagement_type": "work_based_learning", "program": "Valley CNA Pathway"})  # fmt: skip
    notes = client.get(f"/v1/needs/{words['id']}/matches", headers=admin).json()["notes"]
    [said] = [n for n in notes if n.startswith("sectors read from the words")]
    assert "health sciences (“" in said
    assert "health_sciences" not in said
