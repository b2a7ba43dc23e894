"""``lintdock server``: a Language Server Protocol server over stdio (the ``server`` extra).

Only ``main`` lives here, so that ``lintdock`` itself never imports pygls: the CLI imports this
package when the ``server`` command runs, and this module imports pygls when the server starts.
"""

from __future__ import annotations

import sys

INSTALL_HINT = "lintdock server needs the 'server' extra: pip install 'lintdock[server]'"


def main() -> None:
    """Serve over stdin/stdout until the client says exit; exit code 2 with a one-line message
    when pygls is not installed."""
    try:
        from lintdock.server.server import create_server
    except ImportError as error:
        if error.name and error.name.split(".")[0] in ("pygls", "lsprotocol", "cattrs"):
            print(f"lintdock: error: {INSTALL_HINT} ({error})", file=sys.stderr)
            raise SystemExit(2) from None
        raise
    create_server().start_io()
