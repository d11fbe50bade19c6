import factory
from django.contrib.auth.models import Group

from accounts.models import User
from gsoc.enums import Difficulty, IdeaState, Phase
from gsoc.models import Idea, IdeaMentor, IdeaRevision, Program, Skill

PASSWORD = "test-pass-4821"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    display_name = factory.LazyAttribute(lambda u: f"{u.username.title()} Person")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Google Summer of Code {2100 + n}")
    slug = factory.Sequence(lambda n: f"gsoc-{2100 + n}")
    phase = Phase.OPEN
    allowed_sizes = [90, 175, 350]


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda s: s.name.lower().replace(" ", "-"))


class IdeaFactory(factory.django.DjangoModelFactory):
    """An idea; pass ``mentors=[user, ...]`` and ``skills=[skill, ...]`` to attach them."""

    class Meta:
        model = Idea
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Idea number {n}")
    slug = factory.Sequence(lambda n: f"idea-number-{n}")
    difficulty_min = Difficulty.MEDIUM
    difficulty_max = Difficulty.HARD
    project_size = 175
    description = "Make the **thing** faster.\n\nIt matters because users wait."
    outcomes = "- a patch\n- tests"
    steps = "1. read\n2. write"
    references = "[docs](https://example.org/docs)"
    state = IdeaState.NEEDS_REVIEW

    @factory.post_generation
    def mentors(self, create, extracted, **kwargs):
        if not create:
            return
        users = extracted if extracted is not None else [UserFactory()]
        for position, user in enumerate(users):
            IdeaMentor.objects.create(idea=self, user=user, position=position)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)

    @factory.post_generation
    def revision(self, create, extracted, **kwargs):
        # Ideas made by the workflow always have their first revision; so do these.
        if create and extracted is not False:
            from gsoc.workflow import snapshot

            IdeaRevision.objects.create(
                idea=self, version=self.version, author=None, data=snapshot(self)
            )
