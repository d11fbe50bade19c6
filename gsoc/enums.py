from django.db import models


class Phase(models.TextChoices):
    PREPARING = "preparing", "Preparing"
    OPEN = "open", "Open for ideas and reviews"
    PUBLISHED = "published", "Final list published"
    ARCHIVED = "archived", "Archived"


class IdeaState(models.TextChoices):
    DRAFT = "draft", "Draft"
    NEEDS_REVIEW = "needs_review", "Needs review"
    REVIEWED = "reviewed", "Community reviewed"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Difficulty(models.IntegerChoices):
    BASIC = 1, "Basic"
    MEDIUM = 2, "Medium"
    HARD = 3, "Hard"


# States anyone may see; drafts and withdrawn ideas are for their mentors and managers.
PUBLIC_STATES = (IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED)
# Phases in which mentors may add and change ideas.
EDITABLE_PHASES = (Phase.PREPARING, Phase.OPEN, Phase.PUBLISHED)
# Phases whose pages anyone may read.
PUBLIC_PHASES = (Phase.OPEN, Phase.PUBLISHED, Phase.ARCHIVED)

SIZE_LABELS = {90: "small", 175: "medium", 350: "large"}


def size_label(hours: int) -> str:
    label = SIZE_LABELS.get(hours)
    return f"~{hours} hours ({label})" if label else f"~{hours} hours"
