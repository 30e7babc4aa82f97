"""A local stand-in for QWeather's API: a real HTTP server on 127.0.0.1 in a thread.

It answers the three paths the adapter uses with JSON in the documented shape; a test can
replace any answer with an error status, a slow answer (timeout) or a malformed body.
Nothing here touches the internet.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

NOW = {
    "code": "200",
    "updateTime": "2026-06-30T22:00+08:00",
    "fxLink": "https://www.qweather.com/weather/example.html",
    "now": {
        "obsTime": "2026-06-30T21:40+08:00",
        "temp": "24",
        "feelsLike": "26",
        "icon": "101",
        "text": "多云",
        "wind360": "123",
        "windDir": "东南风",
        "windScale": "1",
        "windSpeed": "3",
        "humidity": "72",
        "precip": "0.0",
        "pressure": "1003",
        "vis": "16",
        "cloud": "10",
        "dew": "21",
    },
    "refer": {"sources": ["QWeather"], "license": ["QWeather Developers License"]},
}


def _day(date, high, low, icon, text_day, text_night):
    return {
        "fxDate": date,
        "sunrise": "05:30",
        "sunset": "19:20",
        "moonrise": "",
        "moonset": "",
        "moonPhase": "峨眉月",
        "moonPhaseIcon": "801",
        "tempMax": high,
        "tempMin": low,
        "iconDay": icon,
        "textDay": text_day,
        "iconNight": "151",
        "textNight": text_night,
        "wind360Day": "135",
        "windDirDay": "东南风",
        "windScaleDay": "1-3",
        "windSpeedDay": "3",
        "wind360Night": "0",
        "windDirNight": "北风",
        "windScaleNight": "1-3",
        "windSpeedNight": "3",
        "humidity": "80",
        "precip": "12.5",
        "pressure": "1000",
        "vis": "24",
        "cloud": "55",
        "uvIndex": "3",
    }


DAILY = {
    "code": "200",
    "updateTime": "2026-06-30T16:35+08:00",
    "fxLink": "https://www.qweather.com/weather/example.html",
    "daily": [
        _day("2026-06-30", "31", "23", "101", "多云", "多云"),
        _day("2026-07-01", "29", "22", "307", "大雨", "中雨"),
        _day("2026-07-02", "33", "24", "100", "晴", "晴"),
    ],
    "refer": {"sources": ["QWeather"], "license": ["QWeather Developers License"]},
}


def alert(alert_id, colour="yellow", event="暴雨", headline=None, expires="2099-07-01T10:00+08:00", message=None):
    return {
        "id": alert_id,
        "senderName": "示范县气象台",
        "issuedTime": "2026-06-30T10:30+08:00",
        "messageType": message or {"code": "alert", "supersedes": []},
        "eventType": {"name": event, "code": "1003"},
        "urgency": None,
        "severity": "moderate",
        "certainty": None,
        "icon": "1003",
        "color": {"code": colour, "red": 255, "green": 200, "blue": 0, "alpha": 1},
        "effectiveTime": "2026-06-30T10:30+08:00",
        "onsetTime": "2026-06-30T10:30+08:00",
        "expiredTime": expires,
        "headline": headline or f"示范县气象台发布{event}预警",
        "description": f"预计未来24小时有{event}。",
        "criteria": "",
        "instruction": "注意防范。",
    }


def alerts_body(*alerts):
    return {
        "metadata": {
            "tag": "x",
            "zeroResult": not alerts,
            "attributions": ["https://developer.qweather.com/attribution.html"],
        },
        "alerts": list(alerts),
    }


class FakeQWeather:
    """``routes`` maps a path prefix to (status, body, delay seconds); body is a dict or raw bytes."""

    def __init__(self):
        self.routes = {}
        self.requests = []  # (path, query dict, headers dict)
        self.reset()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                parsed = urlparse(self.path)
                server.requests.append((parsed.path, parse_qs(parsed.query), dict(self.headers)))
                prefix = next((p for p in server.routes if parsed.path.startswith(p)), None)
                status, body, delay = server.routes.get(prefix, (404, {"error": {"title": "Not Found"}}, 0))
                if delay:
                    time.sleep(delay)
                payload = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def reset(self):
        self.routes = {
            "/v7/weather/now": (200, NOW, 0),
            "/v7/weather/3d": (200, DAILY, 0),
            "/weatheralert/v1/current/": (200, alerts_body(alert("a1")), 0),
        }
        self.requests = []

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
