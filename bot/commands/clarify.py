"""`/clarify`, its shortcuts, modals and buttons, and the thread relay: thin handlers over ClarificationService.

Each handler acks (a modal submission acks with its errors or its next view), parses the payload with
bot.commands.clarify_parse, calls the service (which checks who may do what and audits refusals), and renders
with bot.render.clarify_blocks. Messages to the office and the coder are never posted from here: the service
queues them in the outbox in the same transaction as the change, and bot.outbox delivers them.
Refusals and bad input get an ephemeral message (or an error under the modal field); failures after the ack go
to the app's error handler through `reported_errors`.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import ids
from bot.commands import code as code_feature
from bot.commands.ack_budget import BUSY, is_busy_error, within_budget
from bot.commands.clarify_parse import (
    AskOfficePrefill,
    ClarifyCommand,
    ClarifyHelp,
    CloseClarification,
    ExportClarifications,
    ListClarifications,
    ModalContext,
    OpenForm,
    ReopenClarification,
    ShowClarification,
    Unreadable,
    UsageError,
    actor_of,
    clicked_value,
    event_actor,
    parse_answer_submission,
    parse_ask_office_value,
    parse_clarify_command,
    parse_clarify_submission,
    parse_id,
    parse_modal_context,
    parse_resolution,
    state_values,
    text_value,
)
from bot.errors import ERROR_MESSAGE, describe_request, reported_errors
from bot.lookups.errors import QueryError
from bot.relay import phi
from bot.relay.export import COLUMNS, clarifications_counted, export_csv, export_filename, export_window
from bot.relay.query_rules import QueryDraft, validate_query
from bot.relay.service import (
    Action,
    Actor,
    AlreadyAnswered,
    ClarificationService,
    ListFilter,
    RelayError,
    ValidationFailed,
)
from bot.render.clarify_blocks import (
    CLARIFY_FIELDS,
    OUTCOME_NAMES,
    ClarifyForm,
    Field,
    answer_modal,
    clarify_modal,
    help_reply,
    list_reply,
    more_info_modal,
    notice_reply,
    notice_view,
    reason_modal,
    safe_message,
    sent_view,
    show_reply,
    view_errors,
)
from bot.render.code_blocks import Reply
from bot.services import Services
from storage.clarifications import Clarification, ClarificationState, ReplySide
from storage.offices import Office

log = logging.getLogger(__name__)

ANSWER_MODES = ("answer", "more_info")
REASON_MODES = ("close", "reopen")
LIST_LIMIT = 40
NO_OFFICES = "No offices are set up yet: a lead adds one with `/codedesk office add <name> #channel`."
GET_A_ROLE = "A lead can give you a role with `/codedesk role grant`; then `/clarify` opens the form."
STALE_FORM = "This form is out of date; open it again from the message."
COULD_NOT_READ = "CodeDesk could not read that form; open it again and resubmit."
_CODE_LIKE = re.compile(r"\b[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?\b")

AckArgs = dict[str, Any]


def _send(respond: Respond, reply: Reply) -> None:
    respond(text=reply["text"], blocks=reply["blocks"], response_type="ephemeral", replace_original=False)


def _update(title: str, message: str, callback_id: str) -> AckArgs:
    return {"response_action": "update", "view": notice_view(title, message, callback_id)}


def _errors(errors: Mapping[str, str]) -> AckArgs:
    return {"response_action": "errors", "errors": dict(errors)}


def _unreadable(problem: Unreadable, callback_id: str) -> AckArgs:
    """A form value Slack would never send (wrong type, out of range): said in the modal, logged by field."""
    log.info("unreadable %s submission: field %s", callback_id, problem.field)
    return _update("Not sent", COULD_NOT_READ, callback_id)


def _busy(view: Mapping[str, Any], fields: Sequence[str], callback_id: str) -> AckArgs:
    """Nothing was saved (the database was busy past the budget): said under a field the modal has, so the
    form stays as typed and can be submitted again."""
    log.warning("%s submission: database busy past the ack budget, nothing saved", callback_id)
    present = _block_ids(view)
    field = next((f for f in fields if f in present), None)
    if field is None:
        return _update("Not saved", BUSY, callback_id)
    return _errors({field: BUSY})


def _ack_submission(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    context: BoltContext,
    callback_id: str,
    busy_fields: Sequence[str],
    respond_to: Callable[[Mapping[str, Any], Mapping[str, Any]], AckArgs],
) -> None:
    """Answer a modal submission in its ack, within Slack's budget: the response, or what went wrong (a value
    Slack would never send, the database busy past the budget with nothing saved, an unexpected failure)."""
    try:
        with within_budget(context):
            response = respond_to(body, view)
    except Unreadable as problem:
        response = _unreadable(problem, callback_id)
    except Exception as error:
        response = (
            _busy(view, busy_fields, callback_id) if is_busy_error(error) else _failed(body, callback_id)
        )
    ack(**response)


def _failed(body: Mapping[str, Any], callback_id: str) -> AckArgs:
    """A modal submission failed unexpectedly: say so in the modal (a traceback never reaches the user)."""
    error_id = uuid.uuid4().hex[:8]
    log.error("error id %s while handling %s", error_id, describe_request(dict(body)), exc_info=True)
    return _update("Not sent", ERROR_MESSAGE.format(error_id=error_id), callback_id)


class ClarifyHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.relay: ClarificationService = services.relay()

    # ---- shared pieces ----

    def _office_names(self) -> dict[int, str]:
        return {office.id: office.name for office in self.relay.list_offices(include_inactive=True)}

    def _office_name(self, office_id: int) -> str:
        return self._office_names().get(office_id, f"office {office_id}")

    def _find_office(self, name: str) -> Office | None:
        wanted = name.strip().casefold()
        offices = self.relay.list_offices(include_inactive=True)
        return next((office for office in offices if office.name.casefold() == wanted), None)

    def _open_form(self, client: WebClient, trigger_id: str, actor: Actor, form: ClarifyForm) -> str | None:
        """Open the clarify modal; a refusal message instead when the caller may not ask."""
        decision = self.relay.authorize(actor, Action.ASK)
        if not decision.allowed:
            return f"{decision.reason} {GET_A_ROLE}"
        offices = self.relay.list_offices()
        if not offices:
            return NO_OFFICES
        client.views_open(
            trigger_id=trigger_id,
            view=clarify_modal(ClarifyForm(offices, form.codes, form.question, form.hint)),
        )
        return None

    # ---- /clarify ----

    def on_command(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            command = parse_clarify_command(body.get("text") or "")
            reply = self.reply_for(command, actor_of(body), client, str(body.get("trigger_id", "")))
            if reply is not None:
                _send(respond, reply)

    def reply_for(
        self, command: ClarifyCommand | UsageError, actor: Actor, client: WebClient, trigger_id: str
    ) -> Reply | None:
        """The ephemeral reply to a /clarify command (None when a modal was opened instead)."""
        try:
            if isinstance(command, UsageError):
                return notice_reply(command.message)
            if isinstance(command, ClarifyHelp):
                return help_reply()
            if isinstance(command, OpenForm):
                refusal = self._open_form(client, trigger_id, actor, ClarifyForm(()))
                return notice_reply(refusal) if refusal else None
            if isinstance(command, ListClarifications):
                return self._list(command, actor)
            if isinstance(command, ShowClarification):
                return self._show(command.clarification_id, actor)
            if isinstance(command, ExportClarifications):
                return self._export(command, actor, client)
            return self._close_or_reopen(command, actor, client, trigger_id)
        except RelayError as error:
            return notice_reply(error.message)

    def _list(self, command: ListClarifications, actor: Actor) -> Reply:
        now = self.services.clock()
        office_id = None
        titles = {
            ListFilter.MINE: "Your clarifications",
            ListFilter.OFFICE: "Your offices' clarifications",
            ListFilter.OVERDUE: "Overdue clarifications",
            ListFilter.ALL: "All clarifications",
        }
        title = titles[command.filter]
        if command.office is not None:
            office = self._find_office(command.office)
            if office is None:
                return notice_reply(
                    f"There is no office called {command.office}. `/codedesk office list` shows them."
                )
            office_id, title = office.id, f"Clarifications of {office.name}"
        found = self.relay.list(command.filter, actor, now, office_id=office_id, limit=LIST_LIMIT)
        return list_reply(title, found, self._office_names(), now)

    def _show(self, clarification_id: int, actor: Actor) -> Reply:
        c = self.relay.get(clarification_id, actor)
        replies = self.relay.replies(clarification_id, actor)
        history = self.relay.history(clarification_id, actor)
        return show_reply(c, self._office_name(c.office_id), replies, history, self.services.clock())

    def _export(self, command: ExportClarifications, actor: Actor, client: WebClient) -> Reply:
        """The record as CSV, uploaded to the caller's DM with CodeDesk (leads and admins)."""
        office_id = None
        if command.office is not None:
            office = self._find_office(command.office)
            if office is None:
                return notice_reply(
                    f"There is no office called {command.office}. `/codedesk office list` shows them."
                )
            office_id = office.id
        start, end = export_window(command.start, command.end, self.services.team_zone())
        data = self.relay.export(actor, start=start, end=end, office_id=office_id)
        name = export_filename(command.start, command.end, command.office)
        dm = client.conversations_open(users=actor.user_id)["channel"]["id"]
        client.files_upload_v2(
            channel=dm,
            content=export_csv(data).encode("utf-8"),
            filename=name,
            title=name,
            initial_comment=(
                f"{len(data.clarifications)} clarifications with their full audit trail, one row per event. "
                "Columns: " + ", ".join(COLUMNS) + "."
            ),
        )
        return notice_reply(
            f"Exported {clarifications_counted(len(data.clarifications))} to `{name}` in your DM with CodeDesk."
        )

    def _close_or_reopen(
        self,
        command: CloseClarification | ReopenClarification,
        actor: Actor,
        client: WebClient,
        trigger_id: str,
    ) -> Reply | None:
        closing = isinstance(command, CloseClarification)
        if command.reason is None:
            c = self.relay.get(command.clarification_id, actor)
            action = Action.CLOSE if closing else Action.REOPEN
            decision = self.relay.authorize(actor, action, c)
            if not decision.allowed:
                return notice_reply(decision.reason)
            mode = "close" if closing else "reopen"
            metadata = ModalContext(c.id, mode).dumps()
            client.views_open(trigger_id=trigger_id, view=reason_modal(c, mode, metadata))
            return None
        if closing:
            c = self.relay.close_unanswered(command.clarification_id, actor, command.reason)
            return notice_reply(f"Closed #{c.id} without an answer. The office's post says so.")
        c = self.relay.reopen(command.clarification_id, actor, command.reason)
        return notice_reply(f"Reopened #{c.id}; it is open again with a new due time.")

    # ---- shortcuts and the "Ask the office" button ----

    def on_new_clarification(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        ack()
        with reported_errors(body, context, client, None):
            refusal = self._open_form(client, body["trigger_id"], actor_of(body), ClarifyForm(()))
            if refusal:
                client.views_open(
                    trigger_id=body["trigger_id"], view=notice_view("CodeDesk", refusal, ids.CLARIFY_MODAL)
                )

    def on_message_shortcut(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        """The message is never copied into the form: only a redacted excerpt and the codes it mentions are
        shown as a hint, so nothing reaches storage without passing the PHI guard on submission."""
        ack()
        with reported_errors(body, context, client, None):
            message_text = str((body.get("message") or {}).get("text") or "")
            form = ClarifyForm((), hint=message_hint(message_text))
            refusal = self._open_form(client, body["trigger_id"], actor_of(body), form)
            if refusal:
                client.views_open(
                    trigger_id=body["trigger_id"], view=notice_view("CodeDesk", refusal, ids.CLARIFY_MODAL)
                )

    def on_ask_office(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            prefill = parse_ask_office_value(clicked_value(body))
            findings = self._findings(prefill)
            question = ("The claim check flagged: " + " ".join(findings)) if findings else ""
            form = ClarifyForm(
                (),
                codes=prefill.codes,
                question=question,
                hint="Prefilled from your claim check: rewrite the question for the provider before sending.",
            )
            refusal = self._open_form(client, body["trigger_id"], actor_of(body), form)
            if refusal:
                _send(respond, notice_reply(refusal))

    def _findings(self, prefill: AskOfficePrefill) -> list[str]:
        """The failed check's errors and warnings again (the button carries the codes, not the findings)."""
        if not prefill.codes:
            return []
        try:
            dos = date.fromisoformat(prefill.dos) if prefill.dos else self.services.today()
        except ValueError:
            dos = self.services.today()
        try:
            result = code_feature.check_claim(self.services.codebook, list(prefill.codes), dos)
        except QueryError:
            return []
        return [f.message for f in result.findings if f.severity in ("error", "warning")][:5]

    # ---- buttons on the office post and the tracking message ----

    def _clicked_clarification(self, body: Mapping[str, Any]) -> Clarification | str:
        clarification_id = parse_id(clicked_value(body))
        if clarification_id is None:
            return "That button is out of date."
        try:
            return self.relay.get(clarification_id)
        except RelayError as error:
            return error.message

    def _office_form(
        self,
        body: dict[str, Any],
        client: WebClient,
        respond: Respond,
        action: Action,
        build: Callable[[Clarification, str, str], dict[str, Any]],
        mode: str,
    ) -> None:
        c = self._clicked_clarification(body)
        if isinstance(c, str):
            _send(respond, notice_reply(c))
            return
        decision = self.relay.authorize(actor_of(body), action, c)
        if not decision.allowed:
            _send(respond, notice_reply(decision.reason))
            return
        if c.state is not ClarificationState.OPEN:
            _send(respond, notice_reply(_not_open(c)))
            return
        view = build(c, self._office_name(c.office_id), ModalContext(c.id, mode).dumps())
        client.views_open(trigger_id=body["trigger_id"], view=view)

    def on_answer(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            self._office_form(body, client, respond, Action.ANSWER, answer_modal, "answer")

    def on_more_info(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            self._office_form(body, client, respond, Action.REQUEST_MORE_INFO, more_info_modal, "more_info")

    def on_resolve(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            parsed = parse_resolution(clicked_value(body))
            if parsed is None:
                _send(respond, notice_reply("That menu is out of date."))
                return
            clarification_id, outcome = parsed
            if outcome is None:
                _send(
                    respond,
                    notice_reply(
                        "Choose the outcome: agreed (code changed or confirmed), disagreed or undetermined."
                    ),
                )
                return
            try:
                c = self.relay.resolve(clarification_id, actor_of(body), outcome)
            except RelayError as error:
                _send(respond, notice_reply(error.message))
                return
            _send(respond, notice_reply(f"Resolved #{c.id} ({OUTCOME_NAMES[outcome]}). Thank you."))

    # ---- modal submissions ----

    def on_clarify_submitted(
        self, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        _ack_submission(
            ack,
            body,
            view,
            context,
            ids.CLARIFY_MODAL,
            (Field.QUESTION, Field.INDICATORS),
            self._clarify_response,
        )

    def _clarify_response(self, body: Mapping[str, Any], view: Mapping[str, Any]) -> AckArgs:
        submission = parse_clarify_submission(state_values(view))
        if submission.office_id is None:
            return _errors({Field.OFFICE: "Choose the office to ask."})
        draft = QueryDraft(
            office_id=submission.office_id,
            encounter_ref=submission.encounter_ref,
            codes=submission.codes,
            question=submission.question,
            format=submission.format,
            options=submission.options,
            indicators=submission.indicators,
            due_at=submission.due_at,
            documented_diagnosis=submission.documented_diagnosis,
        )
        check = validate_query(draft, now=self.services.clock())
        if not check.errors and check.warnings and not submission.reviewed:
            warning = (
                "Check the wording: "
                + " ".join(check.warnings)
                + " Rephrase it, or tick the box to send it as written."
            )
            return _errors({Field.REVIEW: warning})
        actor = actor_of(body)
        try:
            c = self.relay.ask(draft, actor, asker_channel=actor.user_id, idempotency_key=str(view["id"]))
        except ValidationFailed as failed:
            return _errors(view_errors(failed.errors, CLARIFY_FIELDS, Field.QUESTION))
        except RelayError as error:
            return _update("Not sent", error.message, ids.CLARIFY_MODAL)
        # The question is saved: from here on a busy database may cost the bookkeeping, never the answer
        # (which must say "saved", however the rest goes).
        code_feature.best_effort(
            "a clarification's codes", lambda: self.services.usage.record_codes(c.codes, "clarification")
        )
        warnings = check.warnings if submission.reviewed else []
        code_feature.best_effort(
            "a clarification's picks",
            lambda: self.services.team_picks().used(actor.team_id, actor.user_id, c.codes, "clarify"),
        )
        return {"response_action": "update", "view": sent_view(c, self._office_name(c.office_id), warnings)}

    def on_answer_submitted(
        self, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        _ack_submission(
            ack, body, view, context, ids.ANSWER_MODAL, (Field.TEXT, Field.CHOICE), self._answer_response
        )

    def _answer_response(self, body: Mapping[str, Any], view: Mapping[str, Any]) -> AckArgs:
        context = parse_modal_context(str(view.get("private_metadata") or ""), ANSWER_MODES)
        if context is None:
            return _update("Not sent", STALE_FORM, ids.ANSWER_MODAL)
        actor, values, key = actor_of(body), state_values(view), str(view["id"])
        try:
            if context.mode == "answer":
                answer = parse_answer_submission(values)
                c = self.relay.answer(context.clarification_id, actor, answer, idempotency_key=key)
                message = f"Your answer to #{c.id} is recorded and will reach the coder shortly. Thank you."
                return _update("Answer recorded", message, ids.ANSWER_MODAL)
            self.relay.request_more_info(
                context.clarification_id, actor, text_value(values, Field.TEXT), idempotency_key=key
            )
        except ValidationFailed as failed:
            # Errors go under blocks the modal has (a forged value's block may not be one of them).
            fields = (_block_ids(view) or set(values)) & {Field.CHOICE, Field.TEXT}
            return _errors(view_errors(failed.errors, fields, Field.TEXT, {"answer": Field.TEXT}))
        except AlreadyAnswered as lost:
            return _update("Already answered", lost.message, ids.ANSWER_MODAL)
        except RelayError as error:
            return _update("Not sent", error.message, ids.ANSWER_MODAL)
        message = f"Your question went to the coder who asked #{context.clarification_id}."
        return _update("Sent", message, ids.ANSWER_MODAL)

    def on_close_submitted(
        self, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        _ack_submission(ack, body, view, context, ids.CLOSE_MODAL, (Field.REASON,), self._close_response)

    def _close_response(self, body: Mapping[str, Any], view: Mapping[str, Any]) -> AckArgs:
        context = parse_modal_context(str(view.get("private_metadata") or ""), REASON_MODES)
        if context is None:
            return _update("Not changed", STALE_FORM, ids.CLOSE_MODAL)
        actor, reason = actor_of(body), text_value(state_values(view), Field.REASON)
        try:
            if context.mode == "close":
                c = self.relay.close_unanswered(context.clarification_id, actor, reason)
                return _update("Closed", f"Closed #{c.id} without an answer.", ids.CLOSE_MODAL)
            c = self.relay.reopen(context.clarification_id, actor, reason)
            return _update("Reopened", f"Reopened #{c.id}; it has a new due time.", ids.CLOSE_MODAL)
        except ValidationFailed as failed:
            return _errors(view_errors(failed.errors, (Field.REASON,), Field.REASON))
        except RelayError as error:
            return _update("Not changed", error.message, ids.CLOSE_MODAL)

    # ---- thread replies ----

    def on_message(
        self, event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        """A person's reply in a clarification thread goes to the other side's thread. Bot messages, edits
        and other subtypes are ignored; a redelivered event finds its message already relayed."""
        if event.get("subtype") or event.get("bot_id") or not event.get("user"):
            return
        thread_ts, ts, channel = event.get("thread_ts"), event.get("ts"), event.get("channel")
        if not thread_ts or thread_ts == ts or not channel:
            return
        with reported_errors(body, context, client, None):
            target = self.relay.thread_target(str(channel), str(thread_ts))
            if target is None:
                return
            clarification_id, side = target
            author = event_actor(event, body)
            try:
                self.relay.add_reply(
                    clarification_id, side, author, str(event.get("text") or ""), f"message:{channel}:{ts}"
                )
            except RelayError as error:
                client.chat_postEphemeral(
                    channel=str(channel),
                    user=author.user_id,
                    thread_ts=str(thread_ts),
                    text=safe_message(not_relayed(error.message, side)),
                )


def _block_ids(view: Mapping[str, Any]) -> set[str]:
    return {str(block.get("block_id")) for block in view.get("blocks") or [] if isinstance(block, Mapping)}


def _not_open(c: Clarification) -> str:
    if c.state in (ClarificationState.ANSWERED, ClarificationState.RESOLVED):
        return AlreadyAnswered(c.id, c.answered_by, c.answered_at).message
    return f"Clarification #{c.id} was closed without an answer; a lead can reopen it."


def not_relayed(message: str, side: ReplySide) -> str:
    other = "coder" if side is ReplySide.OFFICE else "office"
    return f"Your message was not passed on to the {other}: {message}"


def message_hint(text: str) -> str | None:
    """What the form shows about the message it was started from: the codes it mentions and a redacted,
    shortened excerpt. Shown only; the coder types the question themselves."""
    if not text.strip():
        return None
    codes = list(dict.fromkeys(_CODE_LIKE.findall(text)))[:10]
    excerpt = " ".join(phi.redact(text).split())
    excerpt = excerpt if len(excerpt) <= 200 else excerpt[:199] + "…"
    hint = f"Started from a message (not copied): “{excerpt}”"
    if codes:
        hint += f" · codes mentioned: {', '.join(codes)}"
    return hint


def register(app: App, services: Services) -> None:
    handlers = ClarifyHandlers(services)
    app.command(ids.CLARIFY_COMMAND)(handlers.on_command)
    app.shortcut(ids.NEW_CLARIFICATION)(handlers.on_new_clarification)
    app.shortcut(ids.ASK_OFFICE_ABOUT_MESSAGE)(handlers.on_message_shortcut)
    app.action(ids.ASK_OFFICE)(handlers.on_ask_office)
    app.action(ids.CLARIFICATION_ANSWER)(handlers.on_answer)
    app.action(ids.CLARIFICATION_MORE_INFO)(handlers.on_more_info)
    app.action(ids.CLARIFICATION_RESOLVE)(handlers.on_resolve)
    app.view(ids.CLARIFY_MODAL)(handlers.on_clarify_submitted)
    app.view(ids.ANSWER_MODAL)(handlers.on_answer_submitted)
    app.view(ids.CLOSE_MODAL)(handlers.on_close_submitted)
    app.event("message")(handlers.on_message)
