-- Settles one unacknowledged message of a Celery-compatible queue, atomically: forgets it and, depending on
-- ARGV[1], moves it to the dead-letter list ("dead"), to the delayed set ("delay"), or back to the front of its
-- queue ("requeue").
--
-- KEYS[1] unacked hash, KEYS[2] unacked_index zset, KEYS[3] destination (dead list, delayed zset or queue list)
-- ARGV[1] action, ARGV[2] delivery tag, ARGV[3] what to store (dead-letter entry, delayed member, or message),
-- ARGV[4] due ms (delay only)
-- Returns 1 if the message was still held, else 0.
local held = redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[2])
if held == 0 then return 0 end
if ARGV[1] == 'dead' then
  redis.call('LPUSH', KEYS[3], ARGV[3])
elseif ARGV[1] == 'delay' then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
else
  redis.call('RPUSH', KEYS[3], ARGV[3])
end
return 1
