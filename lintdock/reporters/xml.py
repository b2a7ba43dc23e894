"""What the XML formats (``junit``, ``checkstyle``) share: text XML 1.0 can carry, and the
document written out."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all, even escaped."""


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold written as ``\\xNN``."""
    return NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def document(root: ElementTree.Element) -> str:
    """The element as a UTF-8 XML document, indented, ending in a newline."""
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
