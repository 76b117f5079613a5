"""`eagerrepl demo`: shipped demos match their transcripts; record, check, export, errors, strict."""

import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import eagerrepl as er
from eagerrepl.demo.command import main

DEMOS = Path(__file__).resolve().parents[2] / "demos"
SHIPPED = sorted(DEMOS.glob("*.py"))

SIMPLE = """\
# A tiny demo
x = er.constant([1.0, 2.0, 3.0])
x * 2

print("sum:", er.reduce_sum(x).numpy())
"""


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "tiny.py"
    path.write_text(SIMPLE)
    return path


def test_demos_are_shipped():
    assert len(SHIPPED) >= 8


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_demo_matches_its_transcript(path, capsys):
    if path.stem == "gpu" and er.num_gpus():
        pytest.skip("the GPU demo's transcript is recorded where no GPU is present")
    status = main(["--check", str(path)])
    assert status == 0, capsys.readouterr().out


def test_record_then_check_round_trip(demo, capsys):
    assert main(["--record", "--quiet", str(demo)]) == 0
    transcript = demo.with_suffix(".transcript").read_text()
    assert transcript.splitlines() == [
        "In [1]: # A tiny demo",
        "   ...: x = er.constant([1.0, 2.0, 3.0])",
        "   ...: x * 2",
        "Out[1]: Tensor shape=(3,) dtype=float32 device=cpu:0",
        "[2. 4. 6.]",
        "",
        'In [2]: print("sum:", er.reduce_sum(x).numpy())',
        "sum: 6.0",
    ]
    assert main(["--check", str(demo)]) == 0
    assert "matches" in capsys.readouterr().out


def test_changed_output_fails_with_a_unified_diff(demo, capsys):
    main(["--record", "--quiet", str(demo)])
    demo.write_text(SIMPLE.replace("x * 2", "x * 3"))
    capsys.readouterr()
    assert main(["--check", str(demo)]) == 1
    out = capsys.readouterr().out
    assert "differs from its transcript" in out
    assert "tiny.transcript (recorded)" in out and "tiny.transcript (this run)" in out
    assert "-   ...: x * 2\n" in out and "+   ...: x * 3\n" in out
    assert "-[2. 4. 6.]\n" in out and "+[3. 6. 9.]\n" in out


def test_check_without_a_transcript_fails_and_says_how_to_record(demo, capsys):
    assert main(["--check", str(demo)]) == 1
    assert f"eagerrepl demo --record {demo}" in capsys.readouterr().out


def test_transcripts_do_not_depend_on_the_terminal(demo, monkeypatch):
    main(["--record", "--quiet", str(demo)])
    plain = demo.with_suffix(".transcript").read_text()
    monkeypatch.setenv("COLUMNS", "30")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    assert main(["--check", str(demo)]) == 0
    assert "\x1b" not in plain


def test_addresses_are_kept_out_of_transcripts(tmp_path, capsys):
    path = tmp_path / "addr.py"
    path.write_text("object()\n")
    main(["--record", "--quiet", str(path)])
    text = path.with_suffix(".transcript").read_text()
    assert "<object at 0x…>" in text
    assert main(["--check", str(path)]) == 0


def test_a_failing_cell_shows_its_error_and_the_demo_goes_on(tmp_path, capsys):
    path = tmp_path / "err.py"
    path.write_text("1 / 0\n\nprint('after')\n")
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "ZeroDivisionError: division by zero" in out
    assert "In[1], line 1" in out  # IPython's traceback: `Cell In[1], line 1`
    assert out.rstrip().endswith("after")


def test_strict_stops_at_the_first_error_and_fails(tmp_path, capsys):
    path = tmp_path / "err.py"
    path.write_text("1 / 0\n\nprint('after')\n")
    assert main(["--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert "ZeroDivisionError" in out and "after" not in out


def test_magics_run_in_demos(tmp_path, capsys):
    path = tmp_path / "magic.py"
    path.write_text("y = er.ones([2])\n\n%whos\n\n%grad y * y\n")
    assert main(["--strict", str(path)]) == 0
    out = capsys.readouterr().out
    assert "In [2]: %whos" in out
    assert re.search(r"^y +Tensor ", out.split("In [2]: %whos", 1)[1], re.M)  # er and np are hidden
    assert "Out[3]: y * y: shape (2,) float32" in out


def test_carriage_returns_leave_the_last_state_of_a_progress_line(tmp_path, capsys):
    path = tmp_path / "bar.py"
    path.write_text("for i in range(5):\n    print(f'\\rstep {i}/4', end='')\nprint()\n")
    main(["--record", str(path)])
    screen = capsys.readouterr().out
    transcript = path.with_suffix(".transcript").read_text()
    for text in (screen, transcript):
        assert "step 4/4" in text and "step 3/4" not in text


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks = []

    def handle_data(self, data):
        self.chunks.append(data)


def _session_text_in(text):
    text = text.replace("\xa0", " ")
    for expected in ("In [1]:", "er.constant", "Out[1]:", "[2. 4. 6.]", "sum: 6.0"):
        assert expected in text


def test_svg_export_is_xml_holding_the_session(demo, tmp_path):
    out = tmp_path / "tiny.svg"
    assert main(["--quiet", "--export", str(out), str(demo)]) == 0
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    _session_text_in("".join(root.itertext()))


def test_html_export_parses_and_holds_the_session(demo, tmp_path):
    out = tmp_path / "tiny.html"
    main(["--quiet", "--export", str(out), str(demo)])
    parser = _Text()
    parser.feed(out.read_text())
    parser.close()
    _session_text_in("".join(parser.chunks))
    assert "<pre" in out.read_text()


def test_text_export_is_the_transcript(demo, tmp_path):
    out = tmp_path / "tiny.txt"
    main(["--quiet", "--record", "--export", str(out), str(demo)])
    assert out.read_text() == demo.with_suffix(".transcript").read_text()


@pytest.mark.parametrize("argv, message", [
    (["missing.py"], "no such file"),
    (["--export", "out.png", "{demo}"], "cannot export to out.png"),
    (["--check", "--typing", "{demo}"], "--check replays unseen"),
    (["--speed", "0", "{demo}"], "--speed must be positive"),
])
def test_bad_arguments_exit_2_with_a_reason(argv, message, demo, capsys):
    assert main([arg.format(demo=demo) for arg in argv]) == 2
    assert message in capsys.readouterr().err


def test_registered_as_a_subcommand(demo):
    import subprocess
    main(["--record", "--quiet", str(demo)])
    proc = subprocess.run([sys.executable, "-m", "eagerrepl.cli", "demo", "--check", str(demo)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_cell_that_exits_ends_the_demo(tmp_path, capsys):
    path = tmp_path / "exits.py"
    path.write_text("print('before')\n\nexit(3)\n\nprint('after')\n")
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "before" in out and "after" not in out
