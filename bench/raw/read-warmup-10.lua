wrk.headers["Authorization"] = "Bearer <token>"
wrk.headers["Content-Type"] = "application/json"
local shown = 0
response = function(status, headers, body)
  -- the first few failures of each thread go to the raw output, so an error count can be explained
  if status >= 400 and shown < 3 then
    shown = shown + 1
    io.write("FAILED " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d %.1f %.1f %.1f %.1f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.mean))
end
