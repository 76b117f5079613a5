"""A demo that uses %show exports its pictures: `eagerrepl demo FILE --export OUT.svg|html` draws the
coloured cells as the terminal shows them (the demo runner records with 24-bit colour)."""

import subprocess
import sys

import pytest

DEMO = """\
x = er.reshape(er.range(0., 16.), [4, 4])

%show x
"""


@pytest.mark.parametrize("suffix", ["svg", "html"])
def test_the_exported_demo_has_the_picture_in_colour(tmp_path, suffix):
    demo = tmp_path / "pictures.py"
    demo.write_text(DEMO)
    out = tmp_path / f"pictures.{suffix}"
    done = subprocess.run([sys.executable, "-m", "eagerrepl.cli", "demo", str(demo), "--export", str(out), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    exported = out.read_text(encoding="utf-8")
    assert exported.count("▀") >= 8  # 4 x 4 cells: two a character, and the swatches of the scale
    # viridis' ends, 0 at the top left and 15 at the bottom right
    assert "#440154" in exported.lower() and "#fde725" in exported.lower()
    assert "min 0  max 15" in exported.replace("&#160;", " ").replace("\xa0", " ")
