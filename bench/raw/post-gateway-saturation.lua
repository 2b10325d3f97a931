wrk.method = "POST"
wrk.body = [==[{"title":"Users cannot log in","description":"Since 09:10 every login to the payroll portal fails with an error page","caller":"jane.doe@example.com","serviceId":"09638f70-186a-44bc-a70d-aa06b0d03348","category":"software","impact":"MEDIUM","urgency":"HIGH"}]==]
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
