-- Moves one in-flight message to the queue's dead-letter list, in one atomic step. Only a message still held
-- moves: a retried call whose first reply was lost, or a message recovered meanwhile, adds no second entry.
--
-- KEYS[1] dead-letter list, KEYS[2] this consumer's in-flight hash
-- ARGV[1] dead-letter entry (JSON, holding the message intact), ARGV[2] delivery tag
-- Returns 1 if moved, 0 if it was no longer held.
if redis.call('HDEL', KEYS[2], ARGV[2]) == 0 then return 0 end
redis.call('LPUSH', KEYS[1], ARGV[1])
return 1
