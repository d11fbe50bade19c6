"""Background tasks of the core (django-tasks; ``manage.py db_worker`` runs them)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from gsoc.models import MentorOffer


@task()
def send_invitation_email(offer_id: int) -> str:
    """Email an invitation to co-mentor to the address it was made for, with the link to
    answer it. The same email goes to addresses with and without an account."""
    offer = (
        MentorOffer.objects.pending()
        .select_related("idea__program", "invited_by")
        .filter(pk=offer_id, kind=MentorOffer.Kind.INVITATION)
        .exclude(email="")
        .first()
    )
    if offer is None:
        return "nothing to send"
    context = {
        "offer": offer,
        "idea": offer.idea,
        "inviter": offer.invited_by.get_display_name() if offer.invited_by else "A mentor",
        "url": settings.SITE_URL + reverse("gsoc:mentor_invitation", args=[offer.token]),
        "SITE_NAME": settings.SITE_NAME,
    }
    send_mail(
        subject=render_to_string("emails/invitation_subject.txt", context).strip(),
        message=render_to_string("emails/invitation_body.txt", context),
        from_email=None,
        recipient_list=[offer.email],
    )
    return "sent"
