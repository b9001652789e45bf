-- wrk script for bench/serve_load.sh: POST /api/check with one 280-character post,
-- signed in (COOKIE) with the session's CSRF token (CSRF).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("COOKIE")
wrk.headers["X-CSRF-Token"] = os.getenv("CSRF")
wrk.body = '{"text":"What a fantastic day at the county sports final! Our Year 6 relay team ran brilliantly and Ollie Fenwick ' ..
  'crossed the line first. So proud of everyone who came to cheer. Photos to follow once consent is checked. ' ..
  'Thanks to all the parents who drove us there today."}'

done = function(summary, latency, requests)
  io.write(string.format("requests %d errors %d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("rate %.0f req/s\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
