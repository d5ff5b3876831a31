"""The API sends no markup that has not been through the pages' sanitiser: a question or
card written in HTML or Markdown comes as cleaned HTML (``text_format: "html"``), a plain one
as plain text."""

from __future__ import annotations

from tests.conftest import PASSWORD
from tests.quizapp.quiz_helpers import by_text, find_question, make_set

EVIL = (
    "<p>Where <b>was</b> it?</p><script>alert(1)</script>"
    '<img src="x" onerror="alert(2)"><img src="/\\evil.example/x.png">'
    '<a href="javascript:alert(3)">link</a>'
)
QUESTIONS = [
    {
        "id": "q-html",
        "type": "multiple_choice",
        "text_format": "html",
        "prompt": EVIL,
        "choices": [
            {
                "id": "a",
                "text": "<b>Baghouz</b><script>alert(4)</script>",
                "weight": 1,
                "feedback": "<i>Yes</i><img src=x onerror=alert(5)>",
            },
            {"id": "b", "text": "Raqqa<img src=//evil.example/p.gif>", "weight": 0},
        ],
        "general_feedback": '<p onclick="alert(6)">On the Euphrates</p>',
    },
    {
        "id": "q-md",
        "type": "short_answer",
        "text_format": "markdown",
        "prompt": "Who **spoke**? <script>alert(7)</script>",
        "accepted": [{"text": "Mustafa Bali", "weight": 1}],
    },
    {
        "id": "q-plain",
        "type": "short_answer",
        "prompt": "Is 2 < 3? <b>not bold</b>",
        # (An answer of "yes" alone would make no flashcard: card_rules.)
        "accepted": [{"text": "yes, 2 < 3", "weight": 1}],
    },
]


def _no_script(text: str) -> None:
    # (Markdown shows raw HTML as text: "&lt;script&gt;alert(7)" may be read, never run.)
    for bad in ("<script", "onerror", "onclick", "javascript:", "evil.example"):
        at = text.find(bad)
        assert at < 0, (bad, text[max(at - 200, 0) : at + 50])


def test_questions_results_and_cards_come_sanitised(app, client, factories):
    set_id = make_set(app, factories, QUESTIONS)
    student = factories.user()
    token = client.post("/api/v1/tokens", json={"email": student.email, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    attempt = client.post(f"/api/v1/sets/{set_id}/attempts", headers=headers).get_json()

    html = find_question(attempt, "q-html")
    assert html["text_format"] == "html"
    assert "<p>Where <b>was</b> it?</p>" in html["prompt"]
    assert [c["text"] for c in html["choices"]] == ["<b>Baghouz</b>", "Raqqa<img>"]
    markdown = find_question(attempt, "q-md")
    assert markdown["text_format"] == "html" and "<strong>spoke</strong>" in markdown["prompt"]
    plain = find_question(attempt, "q-plain")
    assert plain["text_format"] == "plain" and plain["prompt"] == "Is 2 < 3? <b>not bold</b>"

    choice = by_text(html, "<b>Baghouz</b>")
    client.put(
        f"/api/v1/attempts/{attempt['id']}/answers/q-html",
        json={"response": choice},
        headers=headers,
    )
    submitted = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers)
    result = next(r for r in submitted.get_json()["results"] if r["question_id"] == "q-html")
    assert result["text_format"] == "html" and result["feedback"] == ['<i>Yes</i><img src="x">']
    assert "On the Euphrates" in result["general_feedback"]
    _no_script(submitted.get_data(as_text=True))
    _no_script(
        client.get(f"/api/v1/attempts/{attempt['id']}", headers=headers).get_data(as_text=True)
    )

    fronts = {}
    for _ in QUESTIONS:
        shown = client.get("/api/v1/review/next", query_string={"set": set_id}, headers=headers)
        card = shown.get_json()["card"]
        _no_script(shown.get_data(as_text=True))
        fronts[card["text_format"], card["front"]] = card["id"]
        client.post("/api/v1/review", json={"card_id": card["id"], "rating": 4}, headers=headers)
    html_card = next(i for (kind, front), i in fronts.items() if "<b>was</b>" in front)
    assert ("plain", "Is 2 < 3? <b>not bold</b>") in fronts  # plain stays plain text
    history = client.get(f"/api/v1/review/cards/{html_card}", headers=headers)
    assert history.get_json()["text_format"] == "html"
    assert history.get_json()["back"] == "<b>Baghouz</b>"  # the answer, cleaned
    _no_script(history.get_data(as_text=True))
