"""config.json's text is read as the standard library reads it, whichever parser runs."""

import json

import pytest

from triplo import jsontext

SAME_AS_THE_STANDARD_LIBRARY = [
    '{"settings": {"temperature": 0.7, "presence_penalty": 0, "x": -0, "y": 1.5e-10}}',
    '{"big": 18446744073709551616, "negative": -9223372036854775809}',  # beyond 64 bits
    '{"in_a_string": "sk-1234567890123456789012"}',  # 19 digits: the slow path, same value
    '{"huge": 1e400}',  # beyond a double: the standard library's infinity, as before
    '{"lone": "\\ud800"}',  # a lone surrogate orjson refuses
    '{"a": 1, "a": 2}',
    '{"nul": "\\u0000", "text": "caf\\u00e9 \\u2014 ok"}',
]


@pytest.mark.parametrize("text", SAME_AS_THE_STANDARD_LIBRARY)
def test_reads_what_the_standard_library_reads(text):
    value = jsontext.loads(text)
    expected = json.loads(text)
    assert value == expected
    assert json.dumps(value) == json.dumps(expected)  # ints stay ints, floats floats


def test_an_integer_beyond_64_bits_stays_exact():
    assert (
        jsontext.loads('{"n": 123456789012345678901234567890}')["n"]
        == 123456789012345678901234567890
    )


@pytest.mark.parametrize("text", ['{"t": NaN}', '{"t": Infinity}', '{"t": 1,}', "{\n\n  oops"])
def test_what_is_not_json_is_refused_with_its_line(text):
    with pytest.raises(json.JSONDecodeError) as refused:
        jsontext.loads(text)
    assert refused.value.lineno >= 1


def test_writes_what_orjson_cannot_with_the_standard_library():
    value = {"n": 2**70, "x": [1.5]}
    text = jsontext.dumps(value, 0, separators=(",", ":"))
    assert json.loads(text) == value


def test_an_ordinary_file_is_read_without_the_standard_library(monkeypatch):
    def slow_path(*args, **kwargs):
        raise AssertionError("the standard library was asked")

    monkeypatch.setattr(jsontext.json, "loads", slow_path)
    text = json.dumps({"settings": {"llm_profiles": [{"temperature": 0.7, "name": "A"}] * 50}})
    assert jsontext.loads(text)["settings"]["llm_profiles"][49] == {"temperature": 0.7, "name": "A"}
