-- Moves delayed messages that are due into the stream of their priority, atomically (exactly once however many
-- workers run it).
--
-- KEYS[1] delayed zset (member = priority digit + message), KEYS[2..11] the streams for priorities 0..9
-- ARGV[1] the most messages to move
-- Returns {moved, next due ms or -1, now ms}
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms, 'LIMIT', 0, tonumber(ARGV[1]))
for _, member in ipairs(due) do
  local priority = tonumber(string.sub(member, 1, 1)) or 0
  redis.call('XADD', KEYS[2 + priority], '*', 'm', string.sub(member, 2))
end
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
local next_due = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { #due, next_due[2] and tonumber(next_due[2]) or -1, now_ms }
