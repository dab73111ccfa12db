"""The views' OpenAPI annotations (core.api_docs): noted when defined, applied when built."""

from collections import deque

import pytest

from core import api_docs


@pytest.fixture
def queue(monkeypatch) -> deque:
    """A queue of this test's own, so the project's notes stay as they are."""
    own: deque = deque()
    monkeypatch.setattr(api_docs, "_deferred", own)
    return own


def test_an_annotation_is_applied_by_the_hook_once(queue):
    def view() -> None: ...

    assert api_docs.extend_schema(summary="Say it")(view) is view
    assert not hasattr(view, "kwargs")  # nothing of drf-spectacular's yet
    assert api_docs.with_annotations(endpoints=["e"]) == ["e"]
    schema = view.kwargs["schema"]
    assert api_docs.with_annotations(endpoints=[]) == [] and view.kwargs["schema"] is schema


def test_a_wrong_argument_fails_where_the_view_is_defined(queue):
    with pytest.raises(TypeError):
        api_docs.extend_schema(respones={200: None})
    assert not queue


def test_an_annotation_that_fails_to_apply_fails_every_build_not_just_the_first(queue):
    def view() -> None: ...

    api_docs.extend_schema(methods=5)(view)  # accepted by name, refused by drf-spectacular
    for _ in range(2):
        with pytest.raises(TypeError):
            api_docs.with_annotations(endpoints=[])
    assert len(queue) == 1
