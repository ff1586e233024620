-- wrk script: POST /features/batch with 100 ids drawn at random from a file of ids, one per line.
-- Usage: wrk -t1 -c1 -d20s --latency -s api/bench/random-batch.lua http://127.0.0.1:8080 -- ids.txt [size]
local ids = {}
local size = 100

function init(args)
  local path = args[1] or os.getenv("IDS_FILE") or "ids.txt"
  size = tonumber(args[2] or "100")
  for line in io.lines(path) do
    if #line > 0 then
      ids[#ids + 1] = line
    end
  end
  assert(#ids > 0, "no ids in " .. path)
  math.randomseed(os.time() + #tostring({}) + math.floor(os.clock() * 1e6))
end

function request()
  local picked = {}
  for i = 1, size do
    picked[i] = '"' .. ids[math.random(#ids)] .. '"'
  end
  local body = "[" .. table.concat(picked, ",") .. "]"
  return wrk.format("POST", "/features/batch", {["Content-Type"] = "application/json"}, body)
end
