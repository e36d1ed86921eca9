-- Marks a worker's unacknowledged messages as fresh in unacked_index, so that no worker (Celeriac's recovery or
-- kombu's restore_visible) takes a running task for abandoned.
--
-- KEYS[1] unacked_index zset; ARGV delivery tags held by the calling worker
-- Returns how many tags were no longer there (restored by someone while this worker was unresponsive).
local now = redis.call('TIME')
local now_s = now[1] + now[2] / 1000000
local lost = 0
for _, tag in ipairs(ARGV) do
  if redis.call('ZADD', KEYS[1], 'XX', 'CH', now_s, tag) == 0 and not redis.call('ZSCORE', KEYS[1], tag) then
    lost = lost + 1
  end
end
return lost
