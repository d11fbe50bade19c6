from gsoc.diff import diff_revisions, word_diff


def test_word_diff_marks_changed_words_only():
    html = word_diff("make the thing fast", "make the widget fast")

    assert html == "make the <del>thing</del><ins>widget</ins> fast"


def test_word_diff_escapes_user_html():
    html = word_diff("<b>x</b>", "<script>alert(1)</script>")

    assert html == (
        "&lt;<del>b</del><ins>script</ins>&gt;<del>x</del><ins>alert(1)</ins>"
        "&lt;/<del>b</del><ins>script</ins>&gt;"
    )


def test_diff_revisions_lists_changed_fields_in_form_order():
    old = {"title": "A", "difficulty_min": 1, "skills": ["C"], "description": "same"}
    new = {"title": "B", "difficulty_min": 2, "skills": ["C", "Go"], "description": "same"}

    diffs = diff_revisions(old, new)

    assert [(d.name, d.old, d.new) for d in diffs] == [
        ("title", "A", "B"),
        ("difficulty_min", "Basic", "Medium"),
        ("skills", "C", "C, Go"),
    ]
