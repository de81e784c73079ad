"""Paths typed into the workbench's import prompt: several at once, with spaces, and Tab
completion as in a shell. No Textual here, so the rules are testable on their own."""

from __future__ import annotations

import glob
import os
import shlex
from pathlib import Path

_SPECIAL = " \t'\"\\"


def split_paths(text: str, cwd: Path) -> list[Path]:
    """The paths in ``text``, relative ones resolved against ``cwd``, ``~`` expanded.

    Paths are separated by spaces; a path with spaces is written in quotes (``"Interview
    1.txt"``) or with ``\\ `` as in a shell, or simply as it is when that names an existing file
    (the longest run of words that names one wins). ``*`` and ``?`` expand when nothing has
    that literal name. Raises ``ValueError`` for an unclosed quote.
    """
    text = text.strip()
    if not text:
        return []
    whole = _resolve(text, cwd)
    if whole.exists():
        return [whole]
    try:
        words = shlex.split(text)
    except ValueError as error:  # "No closing quotation"
        raise ValueError(f"{text}: {str(error).lower()}") from None
    paths: list[Path] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            candidate = _resolve(" ".join(words[i:j]), cwd)
            if candidate.exists():
                paths.append(candidate)
                i = j
                break
        else:
            word = words[i]
            matches = sorted(glob.glob(str(_resolve(word, cwd)))) if any(
                c in word for c in "*?[") else []
            paths.extend(Path(m) for m in matches) if matches else paths.append(
                _resolve(word, cwd))
            i += 1
    return paths


def _resolve(word: str, cwd: Path) -> Path:
    path = Path(os.path.expanduser(word))
    return path if path.is_absolute() else cwd / path


def last_word(text: str) -> tuple[int, str]:
    """Where the last (possibly quoted, possibly unfinished) word of ``text`` starts, and its
    value with quotes and backslash escapes resolved."""
    start, value, quote, escaped = 0, [], "", False
    in_word = False
    for index, char in enumerate(text):
        if escaped:
            value.append(char)
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            if char == quote:
                quote = ""
            else:
                value.append(char)
        elif char in "'\"":
            quote = char
            if not in_word:
                start, value, in_word = index, [], True
        elif char in " \t":
            in_word = False
        else:
            if not in_word:
                start, value, in_word = index, [], True
            value.append(char)
    if not in_word and not quote:
        return len(text), ""
    return start, "".join(value)


def complete(text: str, cwd: Path) -> tuple[str, list[str]]:
    """Tab completion of the last word of ``text``: the new text (the word extended as far as
    the matching names agree; with a space in it, in a double quote that closes once a single
    file is reached; a single directory gets its ``/``, a single file a space after it) and the
    matching names (directories with ``/``, hidden ones only when asked for)."""
    start, word = last_word(text)
    folder, _, stem = word.rpartition("/")
    prefix = folder + "/" if "/" in word else ""
    directory = _resolve(folder or ("/" if word.startswith("/") else "."), cwd)
    try:
        entries = sorted(os.listdir(directory))
    except OSError:
        return text, []
    names = [e + ("/" if (directory / e).is_dir() else "") for e in entries
             if e.startswith(stem) and (stem.startswith(".") or not e.startswith("."))]
    if not names:
        return text, []
    common = os.path.commonprefix(names)
    new_word = prefix + common
    done = len(names) == 1 and not common.endswith("/")  # one file: the word is finished
    if any(c in new_word for c in _SPECIAL):
        # as a shell does: the quote stays open until the name is complete
        new_word = '"' + new_word.replace("\\", "\\\\").replace('"', '\\"') + (
            '"' if done else "")
    return text[:start] + new_word + (" " if done else ""), names
