#!/usr/bin/env python3
"""Writes a realistic Squid native access.log for benchmarks: staff of one school browsing
over school days, mostly HTTPS (CONNECT tunnels), some plain GETs, sign-in handshakes.

usage: gen_squid_log.py LINES STAFF DAYS OUT [SEED]
Deterministic for a seed. Times are Europe/London school days from Monday 5 January 2026.
"""
import random
import sys

SITES = [  # (host, weight, is_https)
    ("www.google.com", 14, True), ("www.bbc.co.uk", 8, True), ("classroom.google.com", 10, True),
    ("docs.google.com", 10, True), ("www.tes.com", 5, True), ("www.gov.uk", 4, True),
    ("www.oak.org.uk", 4, True), ("login.microsoftonline.com", 6, True), ("outlook.office.com", 6, True),
    ("www.youtube.com", 6, True), ("i.ytimg.com", 4, True), ("www.instagram.com", 3, True),
    ("i.instagram.com", 2, True), ("www.facebook.com", 3, True), ("static.xx.fbcdn.net", 2, True),
    ("x.com", 2, True), ("www.linkedin.com", 2, True), ("mail.google.com", 3, True),
    ("en.wikipedia.org", 4, True), ("www.amazon.co.uk", 2, True), ("www.reddit.com", 1, True),
    ("www.tiktok.com", 1, True), ("intranet.school.example", 5, False), ("cdn.jsdelivr.net", 3, True),
    ("fonts.gstatic.com", 3, True), ("update.microsoft.com", 2, False), ("www.theguardian.com", 2, True),
]
PATHS = ["/", "/news/education-6712345", "/static/app.js", "/images/logo.png", "/teaching-resources/year-7-fractions",
         "/w/index.php?", "/wiki/Photosynthesis", "/watch?", "/feed/", "/api/v2/items?"]


def main():
    lines, staff, days, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 7)
    users = []
    for i in range(staff):
        name = f"{rng.choice('abcdefghjklmnprstw')}.{rng.choice(['smith', 'jones', 'brown', 'patel', 'khan', 'taylor', 'evans', 'wilson'])}{i}"
        users.append(("school\\\\" + name) if i % 10 == 0 else name)
    hosts = [s[0] for s in SITES]
    weights = [s[1] for s in SITES]
    start = 1767600000  # 2026-01-05 08:00 UTC, a Monday
    school_days = [d for d in range(days * 7 // 5 + 2) if d % 7 < 5][:days]
    per_day = lines // (staff * days) + 1
    records = []
    written = 0
    with open(out, "w") as f:
        for day in school_days:
            records.clear()
            base = start + day * 86400
            for u, user in enumerate(users):
                ip = f"10.{u // 250}.{u % 250}.{rng.randint(10, 250)}"
                left = per_day
                while left > 0:
                    host = rng.choices(hosts, weights)[0]
                    t = base + rng.randint(0, 9 * 3600)  # 08:00 to 17:00 UTC
                    burst = min(left, rng.randint(4, 30))
                    for _ in range(burst):
                        t += rng.randint(1, 40)
                        records.append((t + rng.random(), ip, user, host))
                    left -= burst
            records.sort()
            for t, ip, user, host in records:
                if written >= lines:
                    return
                r = rng.random()
                elapsed = rng.randint(5, 120000)
                if r < 0.02:
                    f.write(f"{t:.3f} {1:6d} {ip} TCP_DENIED/407 3539 CONNECT {host}:443 - HIER_NONE/- text/html\n")
                elif r < 0.80:
                    f.write(f"{t:.3f} {elapsed:6d} {ip} TCP_TUNNEL/200 {rng.randint(300, 90000)} CONNECT {host}:443 {user} HIER_DIRECT/{ip} -\n")
                else:
                    path = rng.choice(PATHS)
                    f.write(f"{t:.3f} {elapsed % 3000:6d} {ip} TCP_MISS/200 {rng.randint(300, 90000)} GET http://{host}{path} {user} HIER_DIRECT/{ip} text/html\n")
                written += 1


if __name__ == "__main__":
    main()
