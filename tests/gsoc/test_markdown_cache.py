"""The render cache is bounded in bytes: many large distinct texts can't grow a worker."""

import gc
import tracemalloc
import uuid
from concurrent.futures import ThreadPoolExecutor

from gsoc.markdown import plain_summary, render_markdown

MiB = 1024 * 1024


def _distinct_texts(count: int, size: int):
    # One text at a time, so only what the cache keeps outlives the loop.
    for _ in range(count):
        yield f"{uuid.uuid4().hex}\n\n" + "A word and *more* words. " * (size // 25)


def _retained_bytes(texts) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for text in texts:
            render_markdown(text)
            plain_summary(text)
        del text
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


# Scaled down from production (8 MiB, 200 KB texts) so tracemalloc's slowdown stays small.
def test_render_cache_retains_no_more_than_its_budget(settings):
    settings.MARKDOWN_CACHE_BYTES = MiB // 2

    # An entry-counted cache keeps all 60 sources and outputs: about 2.6 MB.
    retained = _retained_bytes(_distinct_texts(60, 20_000))

    assert retained < MiB // 2 + MiB // 8


def test_render_cache_skips_texts_too_big_for_it(settings):
    settings.MARKDOWN_CACHE_BYTES = MiB // 2

    # Each 100 KB text is over a sixteenth of the budget.
    retained = _retained_bytes(_distinct_texts(3, 100_000))

    assert retained < MiB // 16


def test_render_cache_answers_repeat_renders_with_the_same_html(settings):
    settings.MARKDOWN_CACHE_BYTES = 8 * MiB
    text = f"{uuid.uuid4().hex} **bold** https://example.org"

    first = render_markdown(text)
    second = render_markdown(text)

    assert second == first
    assert plain_summary(text, 10) == plain_summary(text, 10)


def test_render_markdown_from_many_threads_matches_one_thread():
    texts = [f"Item {n}: see https://example.org/{n} and mail{n}@example.org" for n in range(200)]
    expected = [
        f'<p>Item {n}: see <a href="https://example.org/{n}" rel="ugc nofollow noopener '
        f'noreferrer">https://example.org/{n}</a> and <a href="mailto:mail{n}@example.org" '
        f'rel="ugc nofollow noopener noreferrer">mail{n}@example.org</a></p>'
        for n in range(200)
    ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        rendered = list(pool.map(render_markdown, texts))

    assert rendered == expected
