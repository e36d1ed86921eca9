-- Moves dead-letter entries back to their queue, in one atomic step, each message intact, in the layout of the
-- queue's transport.
--
-- KEYS[1] dead-letter list, KEYS[2] redelivery counts hash, KEYS[3..] where messages go:
--   list:   ready list, prioritized zset
--   stream: the streams of priorities 0..9
--   kombu:  the lists of priority steps 0, 3, 6, 9
-- ARGV[1] what to match: "id", "task" or "all"; ARGV[2] the id or task name; ARGV[3] max entries to requeue;
-- ARGV[4] transport: "list", "stream" or "kombu"
-- Returns how many entries were requeued.
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
local limit = tonumber(ARGV[3])
local transport = ARGV[4]
local moved = 0
local wake = false
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)

local function priority_of(message)
  local ok, decoded = pcall(cjson.decode, message)
  if ok and type(decoded) == 'table' and type(decoded.properties) == 'table' then
    local p = tonumber(decoded.properties.priority)
    if p and p >= 1 and p <= 9 then return math.floor(p) end
  end
  return 0
end

local function put_back(message)
  local p = priority_of(message)
  if transport == 'stream' then
    redis.call('XADD', KEYS[3 + p], '*', 'm', message)
  elseif transport == 'kombu' then
    local step = 0
    if p >= 9 then step = 3 elseif p >= 6 then step = 2 elseif p >= 3 then step = 1 end
    redis.call('RPUSH', KEYS[3 + step], message)
  elseif p > 0 then
    redis.call('ZADD', KEYS[4], p * 1e13 + now_ms, message)
    wake = true
  else
    -- RPUSH: consumers RPOP, so a requeued message is next, as it has waited long enough.
    redis.call('RPUSH', KEYS[3], message)
  end
end

for _, raw in ipairs(entries) do
  if moved >= limit then break end
  local ok, entry = pcall(cjson.decode, raw)
  if ok and type(entry) == 'table' and type(entry.message) == 'string' then
    local match = ARGV[1] == 'all'
      or (ARGV[1] == 'id' and entry.id == ARGV[2])
      or (ARGV[1] == 'task' and entry.task == ARGV[2])
    if match then
      redis.call('LREM', KEYS[1], 1, raw)
      if type(entry.id) == 'string' then redis.call('HDEL', KEYS[2], entry.id) end
      put_back(entry.message)
      moved = moved + 1
    end
  end
end
if wake then redis.call('LPUSH', KEYS[3], '') end
return moved
