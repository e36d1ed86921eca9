-- Moves one in-flight message to the queue's dead-letter list, in one atomic step.
--
-- KEYS[1] dead-letter list, KEYS[2] this consumer's in-flight hash
-- ARGV[1] dead-letter entry (JSON, holding the message intact), ARGV[2] delivery tag
redis.call('LPUSH', KEYS[1], ARGV[1])
return redis.call('HDEL', KEYS[2], ARGV[2])
