"""Non-interactive front end: `-c CODE`, a file, or cells piped on stdin; plain text, no prompts."""

import sys

from ..shell.outputs import DisplayData, Stream


class Batch:
    """Runs cells and prints results as plain text; remembers whether any cell failed."""

    def __init__(self, session=None, stdout=None, stderr=None):
        if session is None:
            from ..shell import Session
            session = Session()
        self.session = session
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        from .printer import tolerate_unencodable
        tolerate_unencodable(self.stdout)
        tolerate_unencodable(self.stderr)
        self.failed = False
        self.exit_status = None  # set when a cell calls exit()

    def _on_output(self, output):
        if isinstance(output, Stream):
            (self.stdout if output.name == "stdout" else self.stderr).write(output.text)
            (self.stdout if output.name == "stdout" else self.stderr).flush()
        elif isinstance(output, DisplayData):  # clear_output() has nothing to clear in a stream
            self.stdout.write(output.data.get("text/plain", "") + "\n")

    def _report(self, result):
        if result.error is not None:
            self.failed = True
            self.stdout.flush()
            self.stderr.write(result.error.text() + "\n")
            self.stderr.flush()
        elif result.result is not None:
            self.stdout.write(result.result.data.get("text/plain", "") + "\n")
            self.stdout.flush()
        if result.exit_requested:
            self.exit_status = result.exit_status
        return result

    def status(self):
        """The process exit status: exit()'s code if a cell called it, else 1 if any cell failed, else 0."""
        if self.exit_status is not None:
            return self.exit_status
        return 1 if self.failed else 0

    def run_cell(self, source):
        """Run one cell, printing its outputs."""
        return self._report(self.session.execute(source, on_output=self._on_output))

    def run_file(self, path, argv=()):
        """Run a file as a script (magics allowed); its expressions are not echoed."""
        return self._report(self.session.execute_file(path, list(argv), on_output=self._on_output))

    def run_lines(self, lines):
        """Run text arriving line by line as cells, each cell ending where it is complete."""
        buffer = []
        for line in lines:
            buffer.append(line.rstrip("\n"))
            source = "\n".join(buffer)
            if not source.strip():
                buffer = []
                continue
            status, _ = self.session.is_complete(source)
            if status != "incomplete":
                buffer = []
                self.run_cell(source)
                if self.exit_status is not None:
                    return
        if "\n".join(buffer).strip():
            self.run_cell("\n".join(buffer))
