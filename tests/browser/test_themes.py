"""Every colour eagerrepl puts in HTML reads in JupyterLab Light and Dark, and in front ends without
JupyterLab's theme variables: the WCAG contrast of each rendered piece of text (tensor headers,
tape trees, picture labels, derivatives, a NaN report), computed from the colours Chromium computed
for it against the background it is drawn on, is at least 4.5.

Each run prints the least contrast by kind of text in each theme and saves screenshots in tmp_path.
"""

import re

import pytest
from selenium.webdriver.common.by import By

from eagerrepl.display.theme import contrast_ratio

from notebook_page import Notebook, wait_for

THEMES = {"JupyterLab Light": (255, 255, 255), "JupyterLab Dark": (17, 17, 17)}  # the notebook's background

# Other front ends: nbconvert's HTML (black on white), VS Code's dark theme, GitHub's dark theme.
PAGES = {"light page": ("#ffffff", "#000000"), "VS Code dark": ("#1e1e1e", "#d4d4d4"),
         "GitHub dark": ("#0d1117", "#e6edf3")}

CELLS = [
    # A tensor with NaN, big enough for a sampled heatmap, a histogram and notes; and a Variable.
    "import numpy as np\nrng = np.random.default_rng(0)\nvalues = rng.standard_normal((300, 300))\n"
    "values[3, 4] = np.nan\nbig = er.constant(values, dtype=er.float32)\nbig",
    "er.Variable(rng.standard_normal((4, 5)), name='w')",
    # A tape with every kind of node: ops, a Variable, watched tensors, a constant, a shared node.
    "x = er.constant(rng.standard_normal(12), dtype=er.float32)\nv = er.Variable([0.5, 2.0], name='v')",
    "%%tape\nt = er.tanh(x)\ner.reduce_sum(t * t + 2.0) + er.reduce_sum(v * v)",
    "_tape.render(max_depth=1)",  # `… more nodes below`
    "%grad er.reduce_sum(x * er.sin(x))",
    "%debug_nan er.reduce_sum(er.log(x))",
    "%show er.reshape(er.range(0., 48.), [2, 2, 3, 4])",
]

# The elements whose text colour eagerrepl sets or inherits, and what kind of text each is.
MEASURE = """
const root = arguments[0];
const kinds = {
  'tensor kind': '.eagerrepl-tensor .header b', 'tensor header key': '.eagerrepl-tensor .header .key',
  'tensor header value': '.eagerrepl-tensor .header code', 'tensor values': '.eagerrepl-tensor pre',
  'picture header': '.eagerrepl-picture > div > b', 'picture text': 'svg.eagerrepl-svg text',
  'derivative': '.eagerrepl-derivatives b, .eagerrepl-derivatives i, .eagerrepl-derivatives code',
  'tape node': '.eagerrepl-tape span', 'NaN report': '.eagerrepl-nan-report > div',
};
const out = [];
for (const [kind, selector] of Object.entries(kinds)) {
  for (const el of root.querySelectorAll(selector)) {
    if (!el.textContent.trim()) continue;
    const style = getComputedStyle(el);
    const layers = [];  // background colours from the element out, to the first opaque one
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg && bg !== 'transparent' && !/^rgba\\(.*, 0\\)$/.test(bg)) {
        layers.push(bg);
        if (!/rgba|\\//.test(bg)) break;
      }
    }
    out.push({kind: kind + (el.getAttribute('class') ? ' .' + el.getAttribute('class') : ''),
              text: el.textContent.trim().slice(0, 30),
              fg: el instanceof SVGElement ? style.fill : style.color, layers});
  }
}
return out;
"""


CLOSE_OTHER_NOTEBOOKS = """
for (const widget of [...window.jupyterapp.shell.widgets('main')]) {
  if (widget.context && widget.context.path !== arguments[0]) widget.dispose();
}
"""


def parse_color(css):
    """(r, g, b, alpha) of a computed CSS colour: rgb(), rgba() or color(srgb ...)."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if css.startswith("color(srgb"):
        rgb = [255 * n for n in numbers[:3]]
        return (*rgb, numbers[3] if len(numbers) > 3 else 1.0)
    if css.startswith("rgb"):
        return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)
    raise AssertionError(f"a colour this test cannot read: {css}")


def over(top, bottom):
    """`top` (r, g, b, alpha) composited over an opaque `bottom` (r, g, b)."""
    alpha = top[3]
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom))


def measure(driver, root, page_background):
    """[(kind, text, contrast)] of every measured element under `root`."""
    rows = []
    for item in driver.execute_script(MEASURE, root):
        background = page_background
        for layer in reversed(item["layers"]):
            background = over(parse_color(layer), background)
        foreground = over(parse_color(item["fg"]), background)
        rows.append((item["kind"], item["text"], contrast_ratio(foreground, background)))
    return rows


def least_by_kind(rows):
    """One line per kind of text: its least contrast, and the text that has it."""
    least = {}
    for kind, text, ratio in rows:
        if kind not in least or ratio < least[kind][1]:
            least[kind] = (text, ratio)
    return "\n".join(f"  {kind:32s} {ratio:5.2f}  {text!r}" for kind, (text, ratio) in sorted(least.items()))


@pytest.fixture(scope="module")
def notebook(lab, browser):
    page = Notebook(browser, lab, "themes.ipynb", "eagerrepl")
    # JupyterLab reopens the notebooks of earlier tests in tabs of their own, whose cells stay in the
    # page: close them (their kernels go on), so that the page's cells are this notebook's alone.
    browser.execute_script(CLOSE_OTHER_NOTEBOOKS, "themes.ipynb")
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook")) == 1, what="one notebook")
    for code in CELLS:
        page.run(code, timeout=60)
    return page


@pytest.fixture(scope="module")
def outputs_html(notebook):
    """The cells' outputs as JupyterLab rendered them (the HTML the kernel sent, in its elements)."""
    return notebook.driver.execute_script(
        "return [...document.querySelectorAll('.jp-OutputArea-output')].map(e => e.innerHTML).join('<hr>')")


def set_theme(page, name):
    page.driver.execute_script("return window.jupyterapp.commands.execute('apputils:change-theme', "
                               "{theme: arguments[0]})", name)
    expected = "rgb({}, {}, {})".format(*THEMES[name])

    def applied():
        return page.driver.execute_script(
            "return [document.body.dataset.jpThemeName,"
            " getComputedStyle(document.querySelector('.jp-Notebook')).backgroundColor,"
            " !document.querySelector('#jupyterlab-splash')]") == [name, expected, True]  # the splash gone
    wait_for(applied, 30, what=f"the {name} theme")


@pytest.mark.parametrize("theme", THEMES)
def test_every_colour_reads_in_jupyterlab(notebook, theme, tmp_path):
    set_theme(notebook, theme)
    try:
        root = notebook.driver.find_element(By.CSS_SELECTOR, ".jp-Notebook")
        rows = measure(notebook.driver, root, THEMES[theme])
        for k, cell in enumerate(notebook.cells()[:len(CELLS)]):
            notebook.screenshot(tmp_path / f"{theme.split()[-1].lower()}-{k}.png", cell)
    finally:
        set_theme(notebook, "JupyterLab Light")  # the theme is a saved setting: leave it as it was
    kinds = {kind.split(" .")[0] for kind, _, _ in rows}
    assert {"tensor kind", "tensor header key", "picture text", "tape node", "derivative", "NaN report",
            "picture header"} <= kinds, kinds
    tape_kinds = {kind for kind in (k for k, _, _ in rows) if kind.startswith("tape node")}
    assert {f"tape node .{k}" for k in ("op", "variable", "watched", "const", "grad", "meta", "more", "mark",
                                        "ref", "tag")} <= tape_kinds
    print(f"\n{theme}: least contrast by kind of text\n" + least_by_kind(rows))
    low = [(kind, text, round(ratio, 2)) for kind, text, ratio in rows if ratio < 4.5]
    assert not low, f"under 4.5 in {theme}: {low}"


@pytest.mark.parametrize("page", PAGES)
def test_every_colour_reads_without_jupyterlabs_variables(browser, outputs_html, page, tmp_path):
    """The same outputs on a plain page, as VS Code, nbconvert or GitHub would show them."""
    background, text = PAGES[page]
    path = tmp_path / "page.html"
    path.write_text(f'<html><body style="background:{background};color:{text};font-family:sans-serif">'
                    f"{outputs_html}</body></html>", encoding="utf-8")
    browser.get(path.as_uri())
    rows = measure(browser, browser.find_element(By.TAG_NAME, "body"),
                   tuple(int(background[i:i + 2], 16) for i in (1, 3, 5)))
    browser.save_screenshot(str(tmp_path / f"{page.replace(' ', '-')}.png"))
    assert len(rows) > 50
    print(f"\n{page}: least contrast by kind of text\n" + least_by_kind(rows))
    low = [(kind, text, round(ratio, 2)) for kind, text, ratio in rows if ratio < 4.5]
    assert not low, f"under 4.5 on a {page}: {low}"
