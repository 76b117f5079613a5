"""A notebook open in JupyterLab, driven as a person would: type into a cell, press Shift+Enter,
read what the page renders."""

import time

import nbformat
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

TIMEOUT = 30

KERNEL_STATUS = """
const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
const kernel = panel && panel.sessionContext && panel.sessionContext.session
               && panel.sessionContext.session.kernel;
return kernel ? kernel.status : null;
"""

# Multi-line code goes in through the cell's model: typed, the editor's auto-indent would indent
# lines that already carry their indent (a person pasting does the same).
SET_LAST_CELL_SOURCE = """
const notebook = window.jupyterapp.shell.currentWidget.content;
notebook.widgets[notebook.widgets.length - 1].model.sharedModel.setSource(arguments[0]);
"""


def wait_for(condition, timeout=TIMEOUT, interval=0.1, what="the page"):
    """Poll `condition()` until it returns something true; return that, or fail saying what was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


class Notebook:
    """One notebook open in JupyterLab on a given kernel."""

    def __init__(self, driver, lab, name, kernel_name):
        self.driver = driver
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": kernel_name, "display_name": kernel_name, "language": "python"}
        notebook.cells.append(nbformat.v4.new_code_cell(""))
        nbformat.write(notebook, lab["root"] / name)
        driver.get(f"{lab['base']}/lab/tree/{name}?token={lab['token']}")
        self.wait_until_idle(timeout=60)

    def kernel_status(self):
        """The kernel's status as the page knows it ('idle', 'busy', ...), None before it has one."""
        return self.driver.execute_script(KERNEL_STATUS)

    def wait_until_idle(self, timeout=TIMEOUT):
        wait_for(lambda: self.kernel_status() == "idle", timeout, what="the kernel to be idle")

    def cells(self):
        return self.driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")

    def run(self, code, wait=True, timeout=TIMEOUT):
        """Put `code` in the last cell and press Shift+Enter; the cell's element once it has run (if `wait`)."""
        cell = self.cells()[-1]
        editor = cell.find_element(By.CSS_SELECTOR, ".cm-content")
        editor.click()
        if "\n" in code:
            self.driver.execute_script(SET_LAST_CELL_SOURCE, code)
        else:
            editor.send_keys(code)
        wait_for(lambda: editor.text == code, 5, what=f"the cell to hold {code!r} (it holds {editor.text!r})")
        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
        wait_for(lambda: len(self.cells()) > 1 and self.cells()[-1] != cell, what="Shift+Enter to add a cell")
        if wait:
            wait_for(lambda: self.finished(cell), timeout, what=f"{code!r} to finish")
        return cell

    @staticmethod
    def prompt(cell):
        """The cell's execution prompt: '[ ]:' not run, '[*]:' running, '[3]:' done."""
        return cell.find_element(By.CSS_SELECTOR, ".jp-InputArea-prompt").text.strip()

    def finished(self, cell):
        prompt = self.prompt(cell)
        return prompt[1:-2].strip().isdigit() and self.kernel_status() == "idle"

    @staticmethod
    def outputs(cell):
        """The cell's output area element."""
        return cell.find_element(By.CSS_SELECTOR, ".jp-Cell-outputArea")

    def screenshot(self, path, element=None):
        """Save a PNG of the page, scrolled to `element` if given, at `path`; return `path`."""
        if element is not None:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        self.driver.save_screenshot(str(path))
        return path
