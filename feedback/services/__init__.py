"""What the feedback app does, as functions: views, the admin, commands and the demo call these."""

from .moderation import comment_hide, comment_show
from .responses import (
    SheetNotOpen,
    paper_entry_key_hash,
    paper_filled_in_default,
    paper_response_save,
    response_restore,
    response_submit,
    response_withdraw,
)
from .sheets import sheet_close_now, sheet_create_for_output, sheet_open_now, sheet_save

__all__ = [
    "SheetNotOpen",
    "comment_hide",
    "comment_show",
    "paper_entry_key_hash",
    "paper_filled_in_default",
    "paper_response_save",
    "response_restore",
    "response_submit",
    "response_withdraw",
    "sheet_close_now",
    "sheet_create_for_output",
    "sheet_open_now",
    "sheet_save",
]
