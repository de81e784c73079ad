"""CI (.ci/run) runs exactly the README's two quick-start commands."""

from __future__ import annotations

from support import ROOT


def test_ci_runs_the_readme_commands_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci_lines = [
        line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert len(ci_lines) == 2
    for line in ci_lines:
        assert f"\n{line}\n" in readme, f"README does not contain: {line}"
