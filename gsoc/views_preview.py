"""markdownx's live preview, answered by our renderer with a bound on what it will render."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from gsoc.markdown import render_markdown


@login_required
@require_POST
def markdown_preview(request):
    """The editor's text as sanitised HTML, for signed-in users.

    markdownx's script puts whatever comes back into the preview pane, whatever the status
    (it has no error path for HTTP errors), so a refusal is a short HTML message.
    """
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest(
            "No content to preview.", content_type="text/plain; charset=utf-8"
        )
    # Browsers send textarea line breaks as CRLF; count them as the user sees them.
    content = content.replace("\r\n", "\n")
    limit = settings.MARKDOWN_PREVIEW_MAX_CHARS
    if len(content) > limit:
        message = format_html(
            '<p class="text-danger">Preview unavailable: the text is longer than {} '
            "characters.</p>",
            f"{limit:,}",
        )
        return HttpResponse(message, status=413)
    return HttpResponse(render_markdown(content))
