"""The media route: the stored bytes with their type, never stored, nosniff, 304 on
revalidation, 404 for anyone who may not see them; and what a request costs."""

from __future__ import annotations

from flask import url_for

from quizapp.services import media
from tests.quizapp.media_helpers import image, image_question
from tests.quizapp.quiz_helpers import counted_statements


def test_the_route_is_where_the_pages_point(app):
    with app.test_request_context():
        assert url_for("media.file", sha256="ab" * 32, name="a map.png") == media.media_path(
            "ab" * 32, "a map.png"
        )


def test_an_image_is_served_with_its_type_privately(app, client, auth, factories):
    owner = auth.login_new(role="instructor")
    picture = image(rgb=(9, 99, 199))
    factories.question_set("Mine", [image_question("q1", picture)], owner_id=owner.id, public=False)
    url = media.media_path(picture.sha256, picture.name)

    response = client.get(url)
    assert response.status_code == 200
    assert response.data == picture.data
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    etag = response.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    # The name is for people: the hash alone finds the file.
    assert client.get(media.media_path(picture.sha256, "other.png")).data == picture.data

    auth.logout()
    assert client.get(url).status_code == 404
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 404
    auth.login_new()
    refused = client.get(url)
    assert refused.status_code == 404 and picture.data not in refused.data


def test_what_serving_an_image_costs(app, client, auth, factories):
    """SQL statements for one image: the login (user and session, 1), the file's type and
    size (1), the sets using it (1), the bytes (1).  Refusing someone else's private image
    adds the course check and the attempts check, reads no bytes, and the error page
    reloads the user after the rollback (1)."""
    owner = auth.login_new(role="instructor")
    public, private = image(rgb=(1, 0, 0)), image(rgb=(0, 1, 0))
    factories.question_set("Open", [image_question("q1", public)], owner_id=owner.id, public=True)
    factories.question_set("Shut", [image_question("q2", private)], owner_id=owner.id, public=False)
    auth.logout()
    auth.login_new()
    client.get("/")  # the login's first request refreshes its session row
    with counted_statements(app) as allowed:
        assert client.get(media.media_path(public.sha256, "map.png")).status_code == 200
    with counted_statements(app) as refused:
        assert client.get(media.media_path(private.sha256, "map.png")).status_code == 404
    assert len(allowed) == 4
    assert len(refused) == 6
    assert not any("media_files.data" in s for s in refused)
