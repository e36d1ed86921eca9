-- Returns in-flight messages of this consumer to the front of their queue at once (graceful shutdown).
--
-- KEYS[1] ready list, KEYS[2] prioritized zset, KEYS[3] this consumer's in-flight hash
-- ARGV delivery tags
-- Returns how many messages were returned.
local returned = 0
local wake = false
for _, field in ipairs(ARGV) do
  local message = redis.call('HGET', KEYS[3], field)
  if message then
    local score = string.match(field, ':(.+)$')
    if score then
      redis.call('ZADD', KEYS[2], score, message)
      wake = true
    else
      -- RPUSH puts it at the end consumers RPOP from: it is taken next.
      redis.call('RPUSH', KEYS[1], message)
    end
    redis.call('HDEL', KEYS[3], field)
    returned = returned + 1
  end
end
if wake then redis.call('LPUSH', KEYS[1], '') end
return returned
