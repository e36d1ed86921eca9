-- Deletes a dead-letter list and says how many entries it held, atomically.
-- KEYS[1] dead-letter list
local count = redis.call('LLEN', KEYS[1])
redis.call('DEL', KEYS[1])
return count
