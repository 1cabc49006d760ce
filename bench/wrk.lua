-- wrk script of bench/load.py: replays logged-in learners against one route.
--   WRK_SESSIONS  file of "cookie<TAB>csrf token" lines, one per learner (may be empty)
--   WRK_METHOD    GET or POST (a POST sends the learner's CSRF token as a form)
--   WRK_PATHS     file of paths, one per line, taken in turn
--   WRK_EXPECT    the status every response must have; any other counts as an error
-- Prints one "WRK key=value ..." line that bench/load.py reads.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local function read_lines(name)
  local lines = {}
  if name and name ~= "" then
    for line in io.lines(name) do
      if line ~= "" then table.insert(lines, line) end
    end
  end
  return lines
end

function init(args)
  sessions, paths, unexpected = {}, read_lines(os.getenv("WRK_PATHS")), 0
  for _, line in ipairs(read_lines(os.getenv("WRK_SESSIONS"))) do
    local cookie, csrf = line:match("^([^\t]*)\t?(.*)$")
    table.insert(sessions, { cookie = cookie, csrf = csrf })
  end
  method = os.getenv("WRK_METHOD") or "GET"
  expected = tonumber(os.getenv("WRK_EXPECT") or "200")
  -- Threads start at different learners so that they do not move in step.
  counter = id * 7919
end

function request()
  counter = counter + 1
  local headers = {}
  local body = nil
  if #sessions > 0 then
    local session = sessions[counter % #sessions + 1]
    headers["Cookie"] = session.cookie
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      body = "csrf_token=" .. session.csrf
    end
  end
  return wrk.format(method, paths[counter % #paths + 1], headers, body)
end

function response(status, headers, body)
  if status ~= expected then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("unexpected") end
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d unexpected=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p95_us=%d p99_us=%d\n",
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
