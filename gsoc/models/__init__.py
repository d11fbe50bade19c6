"""The core's models, one module per concern; import them from here."""

from gsoc.models.history import Activity, IdeaRevision
from gsoc.models.ideas import Idea, IdeaMentor
from gsoc.models.mentoring import MentorOffer, SignOff
from gsoc.models.programs import Program, Skill, default_sizes

__all__ = [
    "Activity",
    "Idea",
    "IdeaMentor",
    "IdeaRevision",
    "MentorOffer",
    "Program",
    "SignOff",
    "Skill",
    "default_sizes",
]
