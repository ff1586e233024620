-- wrk script: GET /features/<id> with ids drawn at random from a file of ids, one per line.
-- Usage: wrk -t1 -c1 -d20s --latency -s api/bench/random-ids.lua http://127.0.0.1:8080 -- ids.txt
local ids = {}

function init(args)
  local path = args[1] or os.getenv("IDS_FILE") or "ids.txt"
  for line in io.lines(path) do
    if #line > 0 then
      ids[#ids + 1] = line
    end
  end
  assert(#ids > 0, "no ids in " .. path)
  -- Each wrk thread has its own Lua state: seed each differently so they do not ask the same sequence.
  math.randomseed(os.time() + #tostring({}) + math.floor(os.clock() * 1e6))
end

function request()
  return wrk.format("GET", "/features/" .. ids[math.random(#ids)])
end
