-- wrk script: send `depth` (default 16) pipelined GET requests per round trip.
-- usage: wrk -t2 -c100 -d10s -s bench/scripts/pipeline.lua http://127.0.0.1:8080/ -- 16
init = function(args)
  local depth = tonumber(args[1]) or 16
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format(nil, "/")
  end
  req = table.concat(r)
end

request = function()
  return req
end
