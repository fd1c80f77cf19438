"""The console's rendering of Block Kit: prefilled values and choices, the id to `click`, dates as text."""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.relay.messages import when
from bot.render.admin_blocks import OfficeForm, office_modal
from bot.render.text import blocks_to_text, mrkdwn_to_text


def test_dates_show_as_text() -> None:
    token = when(datetime(2026, 11, 3, 15, 0, tzinfo=UTC))
    assert token.startswith("<!date^")
    assert mrkdwn_to_text(f"due {token}.") == "due 2026-11-03 15:00 UTC."


def test_buttons_and_menus_show_the_id_to_click_and_their_choices() -> None:
    blocks = [
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Answer"},
                    "action_id": "clarification_answer",
                },
                {
                    "type": "static_select",
                    "action_id": "clarification_resolve",
                    "placeholder": {"type": "plain_text", "text": "Resolve"},
                    "options": [
                        {
                            "text": {"type": "plain_text", "text": "Agreed: code changed"},
                            "value": "1:changed",
                        },
                        {"text": {"type": "plain_text", "text": "Disagreed"}, "value": "1:disagreed"},
                    ],
                },
            ],
        }
    ]
    text = blocks_to_text(blocks)
    assert "[Answer ‹click clarification_answer›]" in text
    assert "[Resolve ▾ ‹click clarification_resolve› <choice>: Agreed: code changed | Disagreed]" in text


def test_a_form_shows_its_fields_prefilled_values_and_choices() -> None:
    view = office_modal(
        OfficeForm(
            office_id=4, name="Main St", channel_id="C0MAIN", members=["U1"], opens=time(7, 30), sla_amount=3
        )
    )
    text = blocks_to_text(view["blocks"])
    assert "Office name [office_name]: Main St" in text
    assert "Its Slack channel [office_channel]: #C0MAIN" in text
    assert "[office_members]: @U1" in text
    assert "Opens at [office_opens]: 07:30  (HH:MM)" in text
    assert "Answers are due within [office_sla]: 3" in text
    assert "[office_sla_unit]: business days (the office's opening hours)  (choices: business days" in text
    assert "Public holidays (optional) [office_holidays]: ____" in text


def test_a_single_checkbox_shows_it_is_typed_as_yes_or_no() -> None:
    box = {"text": {"type": "plain_text", "text": "Posts are on"}, "value": "on"}
    ticked = {"type": "checkboxes", "action_id": "on", "options": [box], "initial_options": [box]}
    blocks = [
        {"type": "input", "block_id": "on", "label": {"type": "plain_text", "text": "On"}, "element": ticked},
        {
            "type": "input",
            "block_id": "off",
            "label": {"type": "plain_text", "text": "Off"},
            "element": {**ticked, "initial_options": []},
        },
    ]
    text = blocks_to_text(blocks)
    assert "On [on]: Posts are on  (yes | no)" in text
    assert "Off [off]: none ticked  (yes | no: Posts are on)" in text
