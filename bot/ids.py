"""Every slash command, action_id, callback_id and block_id the app uses; must match app_manifest.yaml."""

from __future__ import annotations

from typing import Final

# Slash commands
CODE_COMMAND: Final = "/code"
CLARIFY_COMMAND: Final = "/clarify"
ADMIN_COMMAND: Final = "/codedesk"
COMMANDS: Final = (CODE_COMMAND, CLARIFY_COMMAND, ADMIN_COMMAND)

# Block actions (action_id)
SHARE_IN_CHANNEL: Final = "share_in_channel"
SHOW_MORE: Final = "show_more"
SHOW_CHILDREN: Final = "show_children"
ASK_OFFICE: Final = "ask_office"
CLARIFICATION_ANSWER: Final = "clarification_answer"
CLARIFICATION_MORE_INFO: Final = "clarification_more_info"
CLARIFICATION_RESOLVE: Final = "clarification_resolve"
PIN_CODE: Final = "pin_code"  # "Pin" on a lookup result: the caller's favourite, and a pick for the team
ADMIN_ADD_OFFICE: Final = "admin_add_office"  # App Home, Admin section: opens office_modal empty
ADMIN_EDIT_OFFICE: Final = "admin_edit_office"  # App Home, Admin section: pick an office to edit
ADMIN_SCHEDULES: Final = "admin_schedules"  # App Home, Admin section: opens schedule_modal
SCHEDULE_JOB: Final = "schedule_job"  # the job menu inside schedule_modal: refills the form for that job
ACTIONS: Final = (
    SHARE_IN_CHANNEL,
    SHOW_MORE,
    SHOW_CHILDREN,
    ASK_OFFICE,
    CLARIFICATION_ANSWER,
    CLARIFICATION_MORE_INFO,
    CLARIFICATION_RESOLVE,
    PIN_CODE,
    ADMIN_ADD_OFFICE,
    ADMIN_EDIT_OFFICE,
    ADMIN_SCHEDULES,
    SCHEDULE_JOB,
)

# Modals (view callback_id)
CLARIFY_MODAL: Final = "clarify_modal"
ANSWER_MODAL: Final = "answer_modal"
CLOSE_MODAL: Final = "close_modal"
OFFICE_MODAL: Final = (
    "office_modal"  # add or edit an office (channel, members, time zone, hours, SLA, holidays)
)
SCHEDULE_MODAL: Final = "schedule_modal"  # a job's days, time, channel, holidays (cron for advanced use)
VIEWS: Final = (CLARIFY_MODAL, ANSWER_MODAL, CLOSE_MODAL, OFFICE_MODAL, SCHEDULE_MODAL)

# Shortcuts (callback_id)
ASK_OFFICE_ABOUT_MESSAGE: Final = "ask_office_about_message"  # message shortcut "Ask an office about this"
NEW_CLARIFICATION: Final = "new_clarification"  # global shortcut
SHORTCUTS: Final = (ASK_OFFICE_ABOUT_MESSAGE, NEW_CLARIFICATION)

# Workflow Builder custom steps (the manifest's `functions`)
CHECK_CLAIM_CODES_STEP: Final = "check_claim_codes"
FUNCTIONS: Final = (CHECK_CLAIM_CODES_STEP,)

# Blocks (block_id)
CODE_RESULT_ACTIONS_BLOCK: Final = "code_result_actions"
CHECK_ACTIONS_BLOCK: Final = "check_actions"
HOME_RECENT_BLOCK: Final = "home_recent"
HOME_OPEN_ITEMS_BLOCK: Final = "home_open_items"
HOME_COVERAGE_BLOCK: Final = "home_coverage"
HOME_ADMIN_BLOCK: Final = "home_admin"
HOME_FAVOURITES_BLOCK: Final = "home_favourites"
