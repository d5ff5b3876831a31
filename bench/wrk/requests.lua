-- wrk script of the quizapp benchmark: every connection is its own student.
--
-- Run with as many threads as connections (wrk -t N -c N): wrk gives each thread its own Lua
-- state and one connection, so thread i is virtual client i.  Thread i reads its requests
-- from $BENCH_WRK_DATA/conn_<i>.tsv, one per line:
--
--     METHOD <tab> PATH <tab> BEARER TOKEN (or empty) <tab> COOKIE (or empty) <tab> JSON BODY (or empty)
--
-- and sends them in order, starting again from the first when it reaches the end (counted as
-- a wrap).  "{RID}" in a body becomes an id unique to the run, the client and the request
-- (the review_id of POST /api/v1/review).  The results go, as JSON, to $BENCH_WRK_OUT.

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("client", count)
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("BENCH_WRK_DATA") .. "/conn_" .. client .. ".tsv"
  requests_list = {}
  for line in io.lines(path) do
    local method, target, token, cookie, body =
      line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if method then
      local headers = {}
      if token ~= "" then
        headers["Authorization"] = "Bearer " .. token
      end
      if cookie ~= "" then
        headers["Cookie"] = cookie
      end
      if body ~= "" then
        headers["Content-Type"] = "application/json"
      else
        body = nil
      end
      if body and body:find("{RID}", 1, true) then
        table.insert(requests_list, {method = method, path = target, headers = headers, body = body})
      else
        table.insert(requests_list, {ready = wrk.format(method, target, headers, body)})
      end
    end
  end
  if #requests_list == 0 then
    error("no requests in " .. path)
  end
  position = 0
  sequence = 0
  wraps = 0
  prefix = (os.getenv("BENCH_RUN_ID") or "run") .. "-" .. client .. "-"
end

function request()
  position = position + 1
  if position > #requests_list then
    position = 1
    wraps = wraps + 1
  end
  local item = requests_list[position]
  if item.ready then
    return item.ready
  end
  sequence = sequence + 1
  local body = item.body:gsub("{RID}", prefix .. sequence)
  return wrk.format(item.method, item.path, item.headers, body)
end

function done(summary, latency, requests)
  local total_wraps = 0
  for _, thread in ipairs(threads) do
    total_wraps = total_wraps + (thread:get("wraps") or 0)
  end
  local out = assert(io.open(os.getenv("BENCH_WRK_OUT"), "w"))
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"min": %d, "max": %d, "mean": %.1f, "p50": %d, "p90": %d, "p95": %d, ' ..
    '"p99": %d}, "wraps": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency.min, latency.max, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), total_wraps))
  out:close()
end
