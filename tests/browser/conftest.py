"""JupyterLab in headless Chromium: a `jupyter lab` server on a free loopback port, isolated from the
user's Jupyter (config, data, settings, workspaces, runtime and IPython folders are temporary), and
a Selenium-driven Chromium with a fresh profile.

The tests skip, saying why, where Debian's `chromium` and `chromium-driver` are not installed
(`.ci/run` installs them with apt-get before `make test`).
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from eagerrepl.kernel.install import install

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,1000"]
SERVER_START_TIMEOUT = 60

# Settings a first-time user would dismiss: the news and update notifications.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"checkForUpdates": False, "fetchNews": "false"}}


@pytest.fixture(scope="session", autouse=True)
def chromium():
    """Chromium and its driver, or a skip that says what is missing (first, before a server starts)."""
    missing = [name for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not path]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed: the JupyterLab browser tests need Debian's "
                    "chromium and chromium-driver (apt-get install chromium chromium-driver)")


def free_port():
    """A loopback TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A running `jupyter lab` server: its base URL (with the token as a query) and its root folder."""
    home = tmp_path_factory.mktemp("lab")
    root = home / "root"
    root.mkdir()
    install(prefix=str(home / "prefix"))
    settings = home / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("JUPYTER", "IPYTHON")) and name != "PYTEST_CURRENT_TEST"}
    env.update(JUPYTER_PATH=str(home / "prefix" / "share" / "jupyter"), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_PLATFORM_DIRS="1", JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"), IPYTHONDIR=str(home / "ipython"))
    port, token = free_port(), secrets.token_hex(16)
    log = open(home / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True",  # CI runs as root
         "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",  # nothing fetched from the internet
         "--LabApp.expose_app_in_browser=True"],  # window.jupyterapp, to wait for the kernel
        env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"jupyter lab did not start:\n{(home / 'server.log').read_text()}")
            time.sleep(0.2)
        yield {"base": base, "token": token, "root": root, "log": home / "server.log"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Chromium under Selenium, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
