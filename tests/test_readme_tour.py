"""The README's tour of the command line runs as written (every command exits 0)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from support import ROOT


def tour_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A short tour of the command line", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()  # shell comments after a command
        if line.startswith("qualcode "):
            commands.append(line)
    return commands


def test_the_tour_of_the_command_line_runs(tmp_path):
    commands = tour_commands()
    assert len(commands) >= 10
    for name in ("transcripts", "codebooks"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUALCODE_CODER": "tour"}
    for command in commands:
        shell = f"{sys.executable} -m {command}"
        result = subprocess.run(shell, shell=True, cwd=tmp_path, env=env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert (tmp_path / "freq.xlsx").is_file() and (tmp_path / "zitate.docx").is_file()
