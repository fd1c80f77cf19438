"""App Home: publish the caller's home tab whenever they open it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.render.home_blocks import home_view
from bot.services import Services

RECENT_LOOKUPS = 5


class HomeHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services

    def view_for(self, user_id: str) -> dict[str, Any]:
        recent = self.services.usage.recent(user_id, RECENT_LOOKUPS)
        return home_view(recent, self.services.open_clarifications(user_id))

    def on_home_opened(self, event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = event["user"]
        client.views_publish(user_id=user_id, view=self.view_for(user_id))


def register(app: App, services: Services) -> None:
    app.event("app_home_opened")(HomeHandlers(services).on_home_opened)
