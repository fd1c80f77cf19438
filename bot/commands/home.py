"""App Home: publish the caller's home tab whenever they open it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.render.admin_blocks import AdminHome
from bot.render.home_blocks import HomeFavourites, home_view
from bot.services import Services
from storage.roles import Role

RECENT_LOOKUPS = 5
MAX_FAVOURITES = 10


class HomeHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services

    def view_for(self, user_id: str, team_id: str | None = None) -> dict[str, Any]:
        recent = self.services.usage.recent(user_id, RECENT_LOOKUPS)
        provider = self.services.open_clarifications
        open_items = provider(user_id) if team_id is None else provider(user_id, team_id)
        favourites = None
        if team_id is not None:
            mine, team = self.services.team_picks().favourites(team_id, user_id)
            favourites = HomeFavourites(
                mine=[(pin.code, pin.title) for pin in mine[:MAX_FAVOURITES]], team=team[:MAX_FAVOURITES]
            )
        return home_view(
            recent,
            open_items,
            self.admin_section(user_id),
            favourites,
            coverage=self.services.codebook.coverage(),
            today=self.services.today(),
        )

    def admin_section(self, user_id: str) -> AdminHome | None:
        """The Admin section, for admins and leads only."""
        relay = self.services.relay()
        if relay.role_of(user_id) not in (Role.ADMIN, Role.LEAD):
            return None
        offices = [(office.id, office.name) for office in relay.list_offices(include_inactive=True)]
        return AdminHome(offices=offices)

    def on_home_opened(
        self, event: dict[str, Any], client: WebClient, context: BoltContext | None = None
    ) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = event["user"]
        team_id = context.team_id if context is not None else None
        client.views_publish(user_id=user_id, view=self.view_for(user_id, team_id))


def register(app: App, services: Services) -> None:
    app.event("app_home_opened")(HomeHandlers(services).on_home_opened)
