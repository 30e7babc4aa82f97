"""Exit 0 when a local service answers: `service_up.py postgres` or `service_up.py redis`."""

import socket
import sys

PORTS = {"postgres": 5432, "redis": 6379}

name = sys.argv[1] if len(sys.argv) > 1 else ""
try:
    with socket.create_connection(("127.0.0.1", PORTS[name]), timeout=1):
        pass
except (KeyError, OSError):
    sys.exit(1)
