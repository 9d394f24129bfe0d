-- make load: a mix of pages and API calls, in rotation, with some URLs that are new every time
-- (so a share of requests renders instead of coming from the response cache).
-- Counts the responses by status class in every thread; done() prints them as one JSON line.

local paths = {
  "/zh/", "/en/", "/en/institutes/", "/zh/institutes/niimbl/", "/en/institutes/affoa/",
  "/en/funding/", "/zh/funding/?kind=award", "/en/strategy/nsam/", "/zh/strategy/matrix/",
  "/en/strategy/policies/", "/zh/roadmaps/", "/en/institutes/network/", "/zh/institutes/mep/",
  "/en/agencies/dod/", "/zh/organisations/purdue/", "/en/sources/", "/zh/figures/",
  "/en/discrepancies/", "/zh/search/?q=%E5%88%B6%E9%80%A0", "/en/search/?q=institute",
  "/api/", "/api/institutes/", "/api/institutes/niimbl/", "/api/funding/?page_size=50",
  "/api/funding/?kind=award&ordering=-amount_usd&page_size=50",
  "/api/funding/summary/?group_by=program", "/api/participations/matrix/",
  "/api/organizations/?search=university", "/api/policies/?ordering=-date",
  "/api/network-metrics/?metric=members", "/api/mep-metrics/?format=csv",
  "/api/roadmap-projects/?lang=en", "/api/agencies/?in_matrix=true",
  "NEW-FUNDING", "NEW-SEARCH", "NEW-PAGE",
}
-- Percent-encoded: a request line is ASCII (制造, 半导体).
local words = {"%E5%88%B6%E9%80%A0", "institute", "funding", "chips", "additive",
  "%E5%8D%8A%E5%AF%BC%E4%BD%93", "network", "MEP"}
local counter = 0
statuses = {}

function setup(thread)
  thread:set("id", #threads_list + 1)
  table.insert(threads_list, thread)
end
threads_list = {}

function init(args)
  math.randomseed(os.time() + id * 7919)
  counter = id * 13
end

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if path == "NEW-FUNDING" then
    path = "/api/funding/?amount_min=" .. math.random(0, 9000000000)
  elseif path == "NEW-SEARCH" then
    path = "/en/search/?q=" .. words[math.random(#words)] .. "&n=" .. math.random(1, 1000000)
  elseif path == "NEW-PAGE" then
    path = "/api/organizations/?page_size=" .. math.random(1, 500)
  end
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  local class = tostring(math.floor(status / 100)) .. "xx"
  statuses[class] = (statuses[class] or 0) + 1
end

done = function(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads_list) do
    local counted = thread:get("statuses")
    for class, n in pairs(counted) do totals[class] = (totals[class] or 0) + n end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"status": %d, "2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, e.connect, e.read, e.write,
    e.timeout, e.status, totals["2xx"] or 0, totals["3xx"] or 0, totals["4xx"] or 0,
    totals["5xx"] or 0))
end
