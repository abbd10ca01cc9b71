"""Feedback's models: rating sheets, responses and ratings, and the guidance they lead to."""

from .guidance import (
    ANSWER_REPLY_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    AnswerDecision,
    DebateItem,
    DebateQuestion,
    IssueAnswer,
    QuestionStatus,
    ReadingThresholds,
)
from .responses import (
    COMMENT_MAX_LENGTH,
    CONTACT_FIELDS,
    PROFILE_FIELDS,
    SCORE_FROM_MARK,
    Channel,
    Mark,
    OverallComment,
    Rating,
    RatingComment,
    Response,
    ResponseQuerySet,
    counted_responses,
)
from .sheets import RatingSheet, RatingSheetQuerySet

__all__ = [
    "ANSWER_REPLY_MAX_LENGTH",
    "COMMENT_MAX_LENGTH",
    "CONTACT_FIELDS",
    "NOTE_MAX_LENGTH",
    "PROFILE_FIELDS",
    "QUESTION_MAX_LENGTH",
    "SCORE_FROM_MARK",
    "AnswerDecision",
    "Channel",
    "DebateItem",
    "DebateQuestion",
    "IssueAnswer",
    "Mark",
    "OverallComment",
    "QuestionStatus",
    "Rating",
    "RatingComment",
    "RatingSheet",
    "RatingSheetQuerySet",
    "ReadingThresholds",
    "Response",
    "ResponseQuerySet",
    "counted_responses",
]
