-- Settles one entry a consumer holds, atomically: acknowledges and deletes it (only acknowledged entries are
-- ever deleted) and, depending on ARGV[1], moves its message to the dead-letter list ("dead"), to the delayed
-- set ("delay"), or back to the end of its stream ("requeue").
--
-- KEYS[1] the entry's stream, KEYS[2] destination (dead list, delayed zset, or the stream itself)
-- ARGV[1] action, ARGV[2] group, ARGV[3] entry id, ARGV[4] what to store, ARGV[5] due ms (delay only)
-- Returns 1 if the entry was still pending, else 0.
local acked = redis.call('XACK', KEYS[1], ARGV[2], ARGV[3])
redis.call('XDEL', KEYS[1], ARGV[3])
if acked == 0 then return 0 end
if ARGV[1] == 'dead' then
  redis.call('LPUSH', KEYS[2], ARGV[4])
elseif ARGV[1] == 'delay' then
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
else
  redis.call('XADD', KEYS[2], '*', 'm', ARGV[4])
end
return 1
