-- Renews a consumer's lease on its in-flight messages, measured on Redis's clock so that workers on machines
-- with skewed clocks agree on who is dead.
--
-- KEYS[1] consumers zset; ARGV[1] consumer id, ARGV[2] lease ms
-- Returns 1 when the consumer was missing (its lease had been reaped), else 0.
local now = redis.call('TIME')
return redis.call('ZADD', KEYS[1], now[1] * 1000 + math.floor(now[2] / 1000) + tonumber(ARGV[2]), ARGV[1])
