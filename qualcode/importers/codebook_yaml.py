"""Loading a YAML codebook strictly: plain data, text stays text, nothing expands.

PyYAML's safe loader would keep the last of two equal keys, read ``name: yes`` as ``True``
and ``name: 2020`` as a number, expand aliases without bound (a 1.6 KB "billion laughs" file
grows to gigabytes; an anchor can make a code its own child) and recurse once per nesting
level (a few hundred levels end in ``RecursionError``). The loader here

* reads every plain scalar as a string, except ``null``/``~``/empty (no value);
* refuses anchors and aliases (``&name``, ``*name``), which a codebook does not need;
* refuses a key given twice in one mapping, naming both lines;
* refuses nesting deeper than :data:`MAX_DEPTH` levels and files over :data:`MAX_BYTES`.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from qualcode.domain.control_chars import first_control
from qualcode.domain.errors import InputError
from qualcode.importers.input_file import read_regular

#: Largest YAML codebook read (a codebook of a thousand codes with definitions is < 2 MB).
MAX_BYTES = 16 * 2**20
#: Deepest nesting of YAML collections (each code level takes two: its entry and children).
MAX_DEPTH = 100


class _Refused(yaml.YAMLError):
    """A codebook rule broken at ``line`` (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _CodebookLoader(yaml.SafeLoader):
    """SafeLoader with only the null resolver, no anchors or aliases, unique keys and a
    depth cap (see the module's docs)."""

    yaml_implicit_resolvers: dict = {}
    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise _Refused(line, f"line {line}: an alias (*{event.anchor}) refers to another "
                                 "entry; write each code out (anchors and aliases are not "
                                 "allowed in a codebook)")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor:
            raise _Refused(line, f"line {line}: an anchor (&{event.anchor}); write each code "
                                 "out (anchors and aliases are not allowed in a codebook)")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(line, f"line {line}: nested more than {MAX_DEPTH} levels deep "
                                     "(the limit for a codebook)")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError, LookupError, AttributeError):
            # an explicit tag the value cannot have: "!!int den" (PyYAML calls int()), an
            # empty "!!int" (it reads value[0]), "!!bool vielleicht" (a dict look-up)
            line = node.start_mark.line + 1
            tag = str(node.tag).rsplit(":", 1)[-1]
            raise _Refused(line, f"line {line}: {str(node.value)[:40]!r} cannot be read as "
                                 f"the explicit YAML tag !!{tag}") from None

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key is not None and key in seen:
                raise _Refused(line, f"line {line}: key {key!r} given twice in one entry (first "
                                     f"in line {seen[key]}); only one value can hold")
            if key is not None:
                seen[key] = line
        for key_node, value_node in node.value:
            if (getattr(key_node, "value", None) == "name"
                    and isinstance(value_node, yaml.ScalarNode)
                    and first_control(value_node.value) is not None):
                line = value_node.start_mark.line + 1
                char = first_control(value_node.value)
                raise _Refused(line, f"line {line}: code name {value_node.value!r} contains a "
                                     f"control character (U+{ord(char):04X}); names cannot "
                                     "hold newlines, tabs, terminal escapes or bidi controls")
        return super().construct_mapping(node, deep)


for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    for _tag, _pattern in _resolvers:
        if _tag == "tag:yaml.org,2002:null":
            _CodebookLoader.add_implicit_resolver(_tag, _pattern, [_first])


def load_codebook_yaml(path: Path) -> object:
    """The plain data (dicts, lists, strings, ``None``) of the YAML codebook at ``path``.

    Raises :class:`InputError` (one line naming the file and the line) for an unreadable or
    too large file, text that is not UTF-8, invalid YAML, anchors or aliases, a repeated key
    and nesting beyond :data:`MAX_DEPTH`.
    """
    data = read_regular(path, MAX_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"{path}: not UTF-8 text (byte 0x{data[error.start]:02X} in line "
                         f"{line}); save the codebook as UTF-8") from None
    try:
        return yaml.load(text, Loader=_CodebookLoader)  # noqa: S506 - a safe loader
    except _Refused as error:
        raise InputError(f"{path}: {error.message}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None)
        reason = f" ({_one_line(problem)})" if problem else ""
        raise InputError(f"{path}: invalid YAML{where}{reason}") from None
    except RecursionError:  # a safety net: MAX_DEPTH stops nesting long before this
        raise InputError(f"{path}: nested too deeply") from None
    except (ValueError, TypeError, OverflowError, LookupError, AttributeError):
        # a safety net for explicit tags PyYAML builds later, outside construct_object
        # (e.g. "!!set" on a list): the file is not a codebook
        raise InputError(f"{path}: invalid YAML (a value that cannot have its explicit "
                         "YAML tag, such as !!set on a list)") from None


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()
