-- Moves delayed messages (countdown, ETA, retry backoff) that are due into their queue, atomically, so that a
-- delayed message is promoted exactly once however many workers run this at the same time.
--
-- KEYS[1] delayed zset (score = due ms, member = one priority digit followed by the message)
-- KEYS[2] ready list, KEYS[3] prioritized zset
-- ARGV[1] the most messages to move in one call
-- Returns {moved, next due ms or -1, now ms}
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms, 'LIMIT', 0, tonumber(ARGV[1]))
local ready = {}
local wake = false
for _, member in ipairs(due) do
  local priority = tonumber(string.sub(member, 1, 1)) or 0
  local message = string.sub(member, 2)
  if priority == 0 then
    ready[#ready + 1] = message
  else
    redis.call('ZADD', KEYS[3], priority * 1e13 + now_ms, message)
    wake = true
  end
end
if #ready > 0 then redis.call('LPUSH', KEYS[2], unpack(ready)) end
if wake then redis.call('LPUSH', KEYS[2], '') end
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
local next_due = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { #due, next_due[2] and tonumber(next_due[2]) or -1, now_ms }
