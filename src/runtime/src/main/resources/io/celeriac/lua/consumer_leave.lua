-- Removes a consumer that is shutting down. A message its last blocking read landed goes back to the queue. When
-- it still holds messages in flight (returning them failed), its lease is made to expire now so that any live
-- worker recovers them at once instead of after the lease duration.
--
-- KEYS[1] consumers zset, KEYS[2] its in-flight hash, KEYS[3] its landing list, KEYS[4] ready list
-- ARGV[1] consumer id
-- Returns the number of messages it still held in flight.
local landed = redis.call('LRANGE', KEYS[3], 0, -1)
for _, message in ipairs(landed) do
  if message ~= '' then redis.call('RPUSH', KEYS[4], message) end
end
redis.call('DEL', KEYS[3])
local held = redis.call('HLEN', KEYS[2])
if held == 0 then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], 0, ARGV[1])
end
return held
