"""What the feedback app does, as functions: views, the admin, commands and the demo call these."""

from .answers import (
    AnswerRefused,
    answer_draft_discard,
    answer_draft_save,
    answer_drafts_save,
    answers_publish,
)
from .debate import (
    current_debate_item,
    debate_item_add,
    debate_item_move,
    debate_item_remove,
    debate_item_start,
    debate_item_update,
    debate_question_moderate,
    debate_question_submit,
    debate_start_from_suggestions,
    debate_stop,
    debate_suggestions,
    thresholds_of,
)
from .moderation import comment_hide, comment_show
from .responses import (
    SheetNotOpen,
    paper_entry_key_hash,
    paper_filled_in_default,
    paper_response_save,
    response_restore,
    response_submit,
    response_withdraw,
    responses_withdraw,
)
from .retention import client_details_expire, contact_details_expire
from .sheets import sheet_close_now, sheet_create_for_output, sheet_open_now, sheet_save

__all__ = [
    "AnswerRefused",
    "SheetNotOpen",
    "answer_draft_discard",
    "answer_draft_save",
    "answer_drafts_save",
    "answers_publish",
    "client_details_expire",
    "comment_hide",
    "comment_show",
    "contact_details_expire",
    "current_debate_item",
    "debate_item_add",
    "debate_item_move",
    "debate_item_remove",
    "debate_item_start",
    "debate_item_update",
    "debate_question_moderate",
    "debate_question_submit",
    "debate_start_from_suggestions",
    "debate_stop",
    "debate_suggestions",
    "paper_entry_key_hash",
    "paper_filled_in_default",
    "paper_response_save",
    "response_restore",
    "response_submit",
    "response_withdraw",
    "responses_withdraw",
    "sheet_close_now",
    "sheet_create_for_output",
    "sheet_open_now",
    "sheet_save",
    "thresholds_of",
]
