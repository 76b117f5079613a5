"""How a demo shows a cell's input: the REPL's prompts and highlighted code."""

from rich.console import Console

from eagerrepl.demo import echo


def _segments(number, source):
    console = Console(width=80, force_terminal=True, color_system="truecolor")
    segments = []
    for head, code in echo.lines(number, source):
        segments += list(console.render(head + code))
    return segments


def test_prompts_number_the_first_line_and_align_the_rest():
    lines = [(head + code).plain for head, code in echo.lines(12, "x = 1\ny = 2")]
    assert lines == ["In [12]: x = 1", "    ...: y = 2"]


def test_code_after_a_continuation_prompt_keeps_its_own_colours():
    segments = _segments(1, "x = 1\nname = 2")
    prompt = next(s for s in segments if "...:" in s.text)
    name = next(s for s in segments if s.text.startswith("name"))
    assert prompt.style.color is not None and prompt.style.color.name == "green"
    assert name.style is None or name.style.color is None  # plain names are not coloured, as in the REPL


def test_keywords_and_strings_are_highlighted():
    segments = _segments(1, "def f():\n    return 'hi'")
    colours = {s.text: s.style.color for s in segments if s.style is not None and s.style.color is not None}
    assert "def" in colours and "hi" in colours and colours["def"] != colours["hi"]
